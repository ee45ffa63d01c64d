import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  isCompositeType,
  getNamedType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import { getMetadataStorage } from "type-graphql";
import { buildGatewaySchema } from "../gateway/schema";
import { Stack, codeOf, type As } from "./support/stack";

/** A value of the right type for an argument: the matrix asks who may call, not whether the input is good. */
function sample(type: GraphQLInputType): unknown {
  if (type instanceof GraphQLNonNull) return sample(type.ofType);
  if (type instanceof GraphQLList) return [sample(type.ofType)];
  if (type instanceof GraphQLEnumType) return type.getValues()[0].value;
  if (type instanceof GraphQLInputObjectType) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => f.type instanceof GraphQLNonNull)
        .map((f) => [f.name, sample(f.type)]),
    );
  }
  // what is left is a scalar
  switch (type.name) {
    case "Int":
    case "Float":
      return 1;
    case "Boolean":
      return true;
    case "DateTime":
      return new Date().toISOString();
    default:
      return "matrix-1";
  }
}

function operationFor(kind: "query" | "mutation", field: GraphQLField<unknown, unknown>) {
  const args = field.args.filter((a: GraphQLArgument) => a.type instanceof GraphQLNonNull);
  const declared = args.map((a) => `$${a.name}: ${String(a.type)}`).join(", ");
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(", ");
  const selection = isCompositeType(getNamedType(field.type)) ? " { __typename }" : "";
  const document = `${kind}${declared ? `(${declared})` : ""} { ${field.name}${passed ? `(${passed})` : ""}${selection} }`;
  return { document, variables: Object.fromEntries(args.map((a) => [a.name, sample(a.type)])) };
}

/** The roles each root field allows, from its @Authorized decorator; undefined when it has none. */
function accessRules(schema: GraphQLSchema) {
  const storage = getMetadataStorage();
  const rules = new Map<string, string[] | undefined>();
  for (const [kind, list] of [
    ["query", storage.queries],
    ["mutation", storage.mutations],
  ] as const) {
    for (const resolver of list) rules.set(`${kind}.${resolver.schemaName}`, resolver.roles);
  }
  const fields = [
    ...Object.values(schema.getQueryType()!.getFields()).map((f) => ["query", f] as const),
    ...Object.values(schema.getMutationType()!.getFields()).map((f) => ["mutation", f] as const),
  ];
  return fields.map(([kind, field]) => ({ kind, field, roles: rules.get(`${kind}.${field.name}`) }));
}

describe("authorization matrix: every query and mutation, as every role and as nobody", () => {
  const stack = new Stack();
  let schema: GraphQLSchema;
  let roles: string[];
  before(async () => {
    await stack.start();
    schema = await buildGatewaySchema();
    roles = (schema.getType("Role") as GraphQLEnumType).getValues().map((v) => v.value as string);
    for (const role of roles) await stack.operator(`matrix_${role.toLowerCase()}`, [role]);
  });
  after(() => stack.stop());

  it("every root field has an access rule (@Authorized)", () => {
    const missing = accessRules(schema)
      .filter((r) => r.roles === undefined)
      .map((r) => `${r.kind} ${r.field.name}`);
    assert.deepEqual(missing, [], "a field without @Authorized would be open to anyone");
  });

  it("nobody is UNAUTHENTICATED; a role outside the rule is FORBIDDEN naming the roles; a role inside gets past the check", async () => {
    const seen: string[] = [];
    for (const { kind, field, roles: allowed } of accessRules(schema)) {
      const { document, variables } = operationFor(kind, field);
      const anonymous = await stack.gql(document, variables, null);
      assert.equal(codeOf(anonymous), "UNAUTHENTICATED", `${field.name} as nobody: ${JSON.stringify(anonymous.errors)}`);
      for (const role of roles) {
        const as: As = { jwt: `matrix_${role.toLowerCase()}` };
        const r = await stack.gql(document, variables, as);
        const roleRefusal = r.errors?.find((e) => e.extensions?.code === "FORBIDDEN" && e.extensions.reason === "ROLE");
        const mayCall = allowed!.length === 0 || allowed!.includes(role);
        if (mayCall) {
          assert.equal(roleRefusal, undefined, `${field.name} as ${role} should pass the role check`);
          assert.notEqual(codeOf(r), "INTERNAL_SERVER_ERROR", `${field.name} as ${role}: ${JSON.stringify(r.errors)}`);
        } else {
          assert.ok(roleRefusal, `${field.name} as ${role} should be FORBIDDEN, got ${JSON.stringify(r.errors ?? r.data)}`);
          assert.deepEqual([...roleRefusal.extensions!.roles].sort(), [...allowed!].sort());
        }
        seen.push(`${field.name}:${role}:${mayCall ? "allowed" : "forbidden"}`);
      }
    }
    assert.ok(seen.length >= roles.length * 20, `${seen.length} checks`);
  });
});
