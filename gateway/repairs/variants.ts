import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from "type-graphql";
import type { GatewayContext } from "../context";
import { Job, JobType } from "./repair.entity";

/** Titles of the job variants the catalogue uses (the words mechanics use); a variant not listed keeps its code. */
export const VARIANT_TITLES: Record<string, { ru: string; en: string }> = {
  REPLACE: { ru: "замена", en: "replace" },
  REPAIR: { ru: "ремонт", en: "repair" },
  TIGHTEN: { ru: "подтяжка", en: "tighten" },
  REPLACE_BEARING: { ru: "замена подшипника", en: "replace bearing" },
  CLEAN: { ru: "очистка", en: "clean" },
};

export function variantTitle(code: string, language: "ru" | "en"): string {
  return VARIANT_TITLES[code]?.[language] ?? code;
}

@ObjectType({ description: "A job variant's code with its titles" })
export class VariantTitle {
  @Field(() => String, { description: "the variant's code (REPLACE, REPAIR, ...)" })
  code: string;

  @Field(() => String, { description: "in the caller's language (Accept-Language; Russian by default)" })
  title: string;

  @Field(() => String, { description: "the Russian title" })
  titleRu: string;

  @Field(() => String, { description: "the English title" })
  titleEn: string;
}

function titled(code: string, language: "ru" | "en"): VariantTitle {
  return { code, title: variantTitle(code, language), titleRu: variantTitle(code, "ru"), titleEn: variantTitle(code, "en") };
}

@Resolver(() => JobType)
export class JobTypeVariantResolver {
  @FieldResolver(() => [VariantTitle], { description: "the variants with their titles, in the order of `variants`" })
  variantTitles(@Root() type: JobType, @Ctx() ctx: GatewayContext): VariantTitle[] {
    return type.variants.map((code) => titled(code, ctx.language));
  }
}

@Resolver(() => Job)
export class JobVariantResolver {
  @FieldResolver(() => String, { nullable: true, description: "the variant's title in the caller's language; null without a variant" })
  variantTitle(@Root() job: Job, @Ctx() ctx: GatewayContext): string | null {
    return job.variant ? variantTitle(job.variant, ctx.language) : null;
  }
}
