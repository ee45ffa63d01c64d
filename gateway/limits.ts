import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import type { ApolloServerPlugin } from "@apollo/server";
import {
  GraphQLError,
  Kind,
  getNamedType,
  isCompositeType,
  isListType,
  isNonNullType,
  visit,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import { getComplexity, type ComplexityEstimator } from "graphql-query-complexity";
import { settle } from "./settle";

/**
 * What one GraphQL request may ask for. A refusal costs almost nothing: tokens are counted while
 * parsing (graphql-js `maxTokens`), aliases, depth and directives by validation rules
 * (graphql-armor), cost and input size before anything runs; each is answered with a message
 * saying which limit and how much, and an HTTP 400.
 */
export const QUERY_LIMITS = {
  /** tokens of the document; also bounds the parser's recursion (5 000 nested braces never reach it) */
  tokens: 5000,
  aliases: 30,
  /** field nesting, introspection's own nesting not counted */
  depth: 12,
  directives: 20,
  /** estimated cost, see FIELD_COST; 200 vehicle cards with 10 repairs each and their jobs cost about 24 000 */
  cost: 30_000,
  /** the longest string anywhere in the input (ids are checked more strictly where used) */
  stringLength: 1000,
  /** the most items of any list in the input */
  listLength: 500,
} as const;

export const PARSE_OPTIONS = { maxTokens: QUERY_LIMITS.tokens };

export function limitRules(): ValidationRule[] {
  // reported as validation errors (GRAPHQL_VALIDATION_FAILED, HTTP 400), not thrown (which Apollo answers 500)
  const report = {
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
  };
  return [
    maxAliasesRule({ n: QUERY_LIMITS.aliases, ...report }),
    maxDepthRule({ n: QUERY_LIMITS.depth, ignoreIntrospection: true, flattenFragments: true, ...report }),
    maxDirectivesRule({ n: QUERY_LIMITS.directives, ...report }),
  ];
}

/**
 * The cost model: one unit per object field, nothing for a scalar; a field that reads the
 * database costs 10 more, one that calls an upstream 30 more. Lists are priced by how many items
 * they may hold (`first`, or the number of ids asked for; LIST_GUESS for a list with neither).
 */
const DATABASE = 10;
const UPSTREAM = 30;
const FIELD_COST: Record<string, number> = {
  "Query.me": DATABASE,
  "Query.operators": DATABASE,
  "Query.handovers": DATABASE,
  "Query.controlLog": DATABASE,
  "Query.repair": DATABASE,
  "Query.repairHistory": DATABASE,
  "Query.jobTypes": DATABASE,
  "Query.scooter": UPSTREAM + DATABASE,
  "Query.scooters": UPSTREAM + DATABASE,
  // statistics aggregate a period in the database: a few reads' worth each
  "Query.repairStats": 5 * DATABASE,
  "Query.fleetSummary": 3 * DATABASE,
  "Mutation.bookingInfo": UPSTREAM + DATABASE,
  "Mutation.accumulatorTaken": UPSTREAM + DATABASE,
  "Mutation.accumulatorReturned": UPSTREAM + DATABASE,
  "Mutation.setPlace": UPSTREAM + DATABASE,
  "Mutation.upsertOperator": UPSTREAM + DATABASE,
  "Mutation.scooterControl": UPSTREAM + DATABASE,
  "Mutation.startRepair": UPSTREAM + DATABASE,
};
/** root fields not named above: one database round trip */
const ROOT_DEFAULT = DATABASE;
/** items assumed in a list with no `first` (the jobs of a repair, the scans of a handover) */
const LIST_GUESS = 5;

const estimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const own = FIELD_COST[`${type.name}.${field.name}`] ?? (type.name === "Query" || type.name === "Mutation" ? ROOT_DEFAULT : 0);
  let fieldType = field.type;
  if (isNonNullType(fieldType)) fieldType = fieldType.ofType;
  const objectCost = isCompositeType(getNamedType(fieldType)) ? 1 + childComplexity : 0;
  if (!isListType(fieldType)) return own + objectCost;
  const items = typeof args.first === "number" ? args.first : Array.isArray(args.vehicleIds) ? args.vehicleIds.length : LIST_GUESS;
  return own + Math.max(1, items) * objectCost;
};

function refusal(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "GRAPHQL_VALIDATION_FAILED", http: { status: 400 } } });
}

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", http: { status: 400 } } });
}

// C0 controls and DEL; ids, logins, titles and steps never need them
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Refuses control characters, over-long strings and over-long lists anywhere in `value`. */
export function checkInputValue(value: unknown, where: string): void {
  if (typeof value === "string") {
    if (CONTROL.test(value)) throw badInput(`${where} has a control character; ids and names are printable text.`);
    if (value.length > QUERY_LIMITS.stringLength) throw badInput(`${where} is longer than ${QUERY_LIMITS.stringLength} characters.`);
  } else if (Array.isArray(value)) {
    if (value.length > QUERY_LIMITS.listLength) throw badInput(`${where} has more than ${QUERY_LIMITS.listLength} items.`);
    value.forEach((item, i) => checkInputValue(item, `${where}[${i}]`));
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) checkInputValue(item, `${where}.${key}`);
  }
}

/** The same for the literals written in the document itself. */
function checkDocumentLiterals(document: DocumentNode): void {
  visit(document, {
    StringValue(node) {
      checkInputValue(node.value, "a string in the query");
    },
    ListValue(node) {
      if (node.values.length > QUERY_LIMITS.listLength) throw badInput(`A list in the query has more than ${QUERY_LIMITS.listLength} items.`);
    },
  });
}

/**
 * Documents whose literals passed, each with the costs computed for it by shape of variables.
 * Apollo keeps one parsed document per query text (its document store), so the same object comes
 * back for every request of that text; a document it drops is dropped here too.
 */
const checked = new WeakMap<DocumentNode, Map<string, number>>();
const COSTS_PER_DOCUMENT = 64;

function checkDocument(document: DocumentNode): Map<string, number> {
  checkDocumentLiterals(document);
  const costs = new Map<string, number>();
  checked.set(document, costs);
  return costs;
}

/** JSON.stringify replacer keeping of the variables what the cost depends on: numbers and list lengths. */
function costShape(_key: string, value: unknown): unknown {
  if (typeof value === "number" || value === null || typeof value === "boolean") return value;
  if (Array.isArray(value)) return { length: value.length };
  if (typeof value === "object") return value;
  return "";
}

/** Does the operation ask only for __schema / __type / __typename at its root? */
function isIntrospectionOnly(document: DocumentNode, operationName: string | null | undefined): boolean {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName));
  return (
    operation?.kind === Kind.OPERATION_DEFINITION && operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith("__"))
  );
}

/** Input hygiene and the cost limit, once per operation, after validation and before execution. */
export function limitsPlugin(schema: GraphQLSchema): ApolloServerPlugin {
  return {
    requestDidStart() {
      return settle(() => ({
        didResolveOperation({ request, document, operationName }) {
          return settle(() => {
            checkInputValue(request.variables ?? {}, "variables");
            const known = checked.get(document) ?? checkDocument(document);
            if (isIntrospectionOnly(document, operationName)) return; // its own shape, bounded by tokens, aliases and depth
            // the cost reads numbers and list lengths only: one computation per document and shape of variables
            const shape = `${operationName ?? ""}|${JSON.stringify(request.variables ?? {}, costShape)}`;
            let cost = known.get(shape);
            if (cost === undefined) {
              try {
                cost = getComplexity({
                  schema,
                  query: document,
                  operationName: operationName ?? undefined,
                  variables: request.variables ?? {},
                  estimators: [estimator],
                });
              } catch {
                return; // variables that do not fit the schema: execution refuses them with BAD_USER_INPUT
              }
              if (known.size >= COSTS_PER_DOCUMENT) known.clear();
              known.set(shape, cost);
            }
            if (cost > QUERY_LIMITS.cost) {
              throw refusal(`The query costs ${cost}, more than the ${QUERY_LIMITS.cost} allowed; ask for fewer items or fields per request.`);
            }
          });
        },
      }));
    },
  };
}
