import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { buildSchema, findBreakingChanges } from "graphql";
import { repoRoot } from "../emulators/paths";
import { botClient, contractCopy, schemaFile, upstreamTypes, type GeneratedFile } from "../scripts/generated-files";

const root = repoRoot();

function assertCheckedIn(files: GeneratedFile[]) {
  for (const file of files) {
    const checkedIn = readFileSync(join(root, file.path), "utf8");
    assert.ok(checkedIn === file.content, `${file.path} is stale: run \`npm run generate\` and commit it`);
  }
}

describe("generated files and the contract", () => {
  it("schema.graphql is what the code builds", async () => {
    assertCheckedIn([await schemaFile()]);
  });

  it("the schema breaks nothing of the contract: gateway.graphql and analytics.graphql read as one document", async () => {
    const documents = ["gateway.graphql", "analytics.graphql"].map((file) => readFileSync(join(root, "contract", file), "utf8"));
    const contract = buildSchema(documents.join("\n"));
    assert.ok(contract.getQueryType()?.getFields().repairStats, "analytics.graphql's extend clauses are part of the contract checked");
    const project = buildSchema((await schemaFile()).content);
    const breaking = findBreakingChanges(contract, project);
    assert.deepEqual(
      breaking.map((b) => `${b.type}: ${b.description}`),
      [],
    );
  });

  it("contract/ is a faithful copy of ../shared/contract", (t) => {
    const files = contractCopy();
    if (files.length === 0) {
      t.skip("../shared/contract is not beside this checkout; the copy in contract/ is used as is");
      return;
    }
    assertCheckedIn(files);
  });

  it("the upstream clients' types are generated from the OpenAPI files", async () => {
    assertCheckedIn(await upstreamTypes());
  });

  it("the bot's typed GraphQL client is generated from schema.graphql and bot/operations", async () => {
    assertCheckedIn(await botClient((await schemaFile()).content));
  });
});
