import { Field, ID, ObjectType } from "type-graphql";

/** A place (warehouse) as scooters-misc names it. */
@ObjectType({ description: "A warehouse or other place, as the places directory (scooters-misc) names it." })
export class PlaceInfo {
  @Field(() => ID, { description: "the place's id (wh-1)" })
  placeId: string;

  @Field(() => String, { description: "its name, for people (Склад Север)" })
  name: string;

  @Field(() => String, { nullable: true, description: "its city, when the directory has one" })
  city: string | null;
}
