import type { EntityManager, Knex } from "@mikro-orm/postgresql";

/** Runs one statement (`?` placeholders, no other question marks) and gives its rows. */
export type Sql = <Row = Record<string, unknown>>(statement: string, params?: readonly unknown[]) => Promise<Row[]>;

/** The driver's connection (node-postgres), as the ORM's pool hands it out. */
interface PgConnection {
  query(config: { text: string; values: readonly unknown[] }): Promise<{ rows: unknown[] }>;
  /** knex's mark for a connection its pool must drop */
  __knex__disposed?: unknown;
}

/**
 * Plain statements on the ORM's own connection pool, for the hot paths where entity work does not
 * pay (a scan, the outbox, who is calling): a connection from the pool, node-postgres' query, the
 * connection back. No entity manager, identity map or unit of work, and no query builder: on the
 * scan path those cost more than the statements. Everything else goes through MikroORM.
 */
export class Database {
  private readonly client: Knex.Client;

  constructor(em: EntityManager) {
    this.client = em.getKnex().client as Knex.Client; // knex types its own client `any`
  }

  /** One statement, in a transaction of its own. */
  query<Row = Record<string, unknown>>(statement: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.withConnection((connection) => run<Row>(connection, statement, params));
  }

  /** Statements on one connection in one transaction: committed when `work` resolves, rolled back when it throws. */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    return this.withConnection(async (connection) => {
      await connection.query({ text: "begin", values: [] });
      let result: T;
      try {
        result = await work((statement, params = []) => run(connection, statement, params));
      } catch (error) {
        // a connection that cannot even roll back is left for the pool to drop
        await connection.query({ text: "rollback", values: [] }).catch((rollback: unknown) => (connection.__knex__disposed = rollback));
        throw error;
      }
      await connection.query({ text: "commit", values: [] });
      return result;
    });
  }

  private async withConnection<T>(work: (connection: PgConnection) => Promise<T>): Promise<T> {
    const connection = (await this.client.acquireConnection()) as PgConnection;
    try {
      return await work(connection);
    } finally {
      await this.client.releaseConnection(connection);
    }
  }
}

async function run<Row>(connection: PgConnection, statement: string, params: readonly unknown[]): Promise<Row[]> {
  return (await connection.query({ text: numbered(statement), values: params })).rows as Row[];
}

/** `?` placeholders as PostgreSQL's `$1, $2, …`; the statements are constants of the code, so each is converted once. */
const converted = new Map<string, string>();
function numbered(statement: string): string {
  let text = converted.get(statement);
  if (text === undefined) {
    let n = 0;
    text = statement.replace(/\?/g, () => `$${++n}`);
    if (converted.size < 1000) converted.set(statement, text);
  }
  return text;
}
