import { Client } from "pg";

/** The same server's maintenance database, to create or drop the one named in `url`. */
function maintenanceUrl(url: string): { admin: string; name: string } {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`database name ${JSON.stringify(name)} must be letters, digits and _`);
  parsed.pathname = "/postgres";
  return { admin: parsed.toString(), name };
}

async function withAdmin<T>(url: string, run: (client: Client, name: string) => Promise<T>): Promise<T> {
  const { admin, name } = maintenanceUrl(url);
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    return await run(client, name);
  } finally {
    await client.end();
  }
}

/** Creates the database named in `url` when it does not exist yet. */
export async function ensureDatabase(url: string): Promise<void> {
  await withAdmin(url, async (client, name) => {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`create database "${name}"`);
  });
}

export async function dropDatabase(url: string): Promise<void> {
  await withAdmin(url, async (client, name) => {
    await client.query(`drop database if exists "${name}" with (force)`);
  });
}
