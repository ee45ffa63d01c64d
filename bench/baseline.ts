/**
 * The plain baseline for `npm run bench`: a hand-written node:http + pg server doing the work of
 * one accumulatorTaken on the gateway's own tables, and nothing else: JWT check, operator lookup,
 * the session row locked, earlier scans read, the scan inserted, commit, the upstream call, the
 * scan marked delivered. What the gateway costs on top of this is what its framework costs.
 * A request whose query asks for `scooter(` is the vehicle card instead: JWT check, operator
 * lookup, Drive's car/details, and one statement for the performing repair, the last completed one
 * and the ten newest with their jobs' titles.
 * Env: DATABASE_URL, SCOOTER_ACCUMULATOR_URL, DRIVE_URL, JWT_SECRET, PORT (0: a free one, printed).
 */
import { createSecretKey } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import jwt from "jsonwebtoken";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const key = createSecretKey(Buffer.from(process.env.JWT_SECRET ?? ""));
const upstream = `${(process.env.SCOOTER_ACCUMULATOR_URL ?? "").replace(/\/+$/, "")}/accumulator/taken`;
const drive = `${(process.env.DRIVE_URL ?? "").replace(/\/+$/, "")}/api/taxi/car/details`;

function answer(res: import("node:http").ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
}

async function operatorOf(authorization: string | undefined): Promise<string> {
  const token = /^Bearer (\S+)$/.exec(authorization ?? "")?.[1];
  const claims = jwt.verify(token ?? "", key, { algorithms: ["HS256"] }) as { sub: string };
  const { rows: operators } = await pool.query(`select "roles", "active" from "operator" where "login" = $1`, [claims.sub]);
  if (!operators[0]?.active) throw new Error("not an operator");
  return claims.sub;
}

async function card(authorization: string | undefined, vehicleId: string) {
  await operatorOf(authorization);
  const response = await fetch(`${drive}?car_id=${encodeURIComponent(vehicleId)}`);
  const { cars } = (await response.json()) as { cars: { car_id: string; mileage_km?: number; tags?: { tag: string; comment?: string }[] }[] };
  const car = cars[0];
  if (!car) throw new Error("unknown vehicle");
  const { rows } = await pool.query(
    `select r.id, r.status, r.started_at,
            coalesce((select json_agg(json_build_object('title', t.title_ru) order by j.started_at, j.id)
                        from "repair_job" j join "job_type" t on t.code = j.type_code where j.repair_id = r.id), '[]') as jobs,
            (select p.id from "repair" p where p.vehicle_id = $1 and p.status = 'PERFORMING' limit 1) as active,
            (select c.id from "repair" c where c.vehicle_id = $1 and c.status = 'COMPLETED' order by c.started_at desc, c.id desc limit 1) as last
       from "repair" r where r.vehicle_id = $1 order by r.started_at desc, r.id desc limit 10`,
    [vehicleId],
  );
  return {
    data: {
      scooter: {
        vehicleId: car.car_id,
        mileageKm: car.mileage_km ?? null,
        brokenComment: car.tags?.find((t) => t.tag === "broken")?.comment ?? null,
        activeRepair: rows[0]?.active ? { id: rows[0].active } : null,
        lastRepair: rows[0]?.last ? { id: rows[0].last } : null,
        repairs: rows.map((r) => ({ id: r.id, status: r.status, jobs: (r.jobs as { title: string }[]).map((j) => ({ type: { title: j.title } })) })),
      },
    },
  };
}

async function scan(authorization: string | undefined, accumulatorId: string) {
  const login = await operatorOf(authorization);
  const client = await pool.connect();
  let scanRow: { id: number; cabinet_id: string; contractor_id: string };
  try {
    await client.query("begin");
    const { rows: sessions } = await client.query(`select "handover_id" from "operator_session" where "login" = $1 for update`, [login]);
    const handoverId = sessions[0]?.handover_id;
    const { rows: handovers } = await client.query(`select "cabinet_id", "contractor_id", "booked_accumulators" from "handover" where "id" = $1`, [handoverId]);
    const { rows: earlier } = await client.query(`select "accumulator_id", "delivery" from "handover_scan" where "handover_id" = $1 order by "id"`, [
      handoverId,
    ]);
    const booked = (handovers[0].booked_accumulators as { accumulatorId: string }[]).some((a) => a.accumulatorId === accumulatorId);
    if (earlier.some((s) => s.accumulator_id === accumulatorId)) throw new Error("duplicate");
    const { rows } = await client.query(
      `insert into "handover_scan" ("handover_id", "accumulator_id", "expected", "request_id", "attempts") values ($1, $2, $3, 'baseline', 1) returning "id"`,
      [handoverId, accumulatorId, booked],
    );
    await client.query("commit");
    scanRow = { id: rows[0].id, cabinet_id: handovers[0].cabinet_id, contractor_id: handovers[0].contractor_id };
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  const response = await fetch(upstream, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ cabinet_id: scanRow.cabinet_id, contractor_id: scanRow.contractor_id, accumulator_id: accumulatorId }),
  });
  await response.text();
  await pool.query(`update "handover_scan" set "delivery" = 'DELIVERED', "delivered_at" = now() where "id" = $1`, [scanRow.id]);
  return { data: { accumulatorTaken: { scan: { accumulatorId, delivery: "DELIVERED" }, duplicate: false } } };
}

const server = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    const request = JSON.parse(body) as { query: string; variables: { accumulatorId?: string; id?: string } };
    const work = request.query.includes("scooter(")
      ? card(req.headers.authorization, request.variables.id ?? "")
      : scan(req.headers.authorization, request.variables.accumulatorId ?? "");
    work.then(
      (result) => answer(res, 200, result),
      (error: Error) => answer(res, 200, { errors: [{ message: error.message }] }),
    );
  });
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
});
process.on("SIGTERM", () => server.close(() => void pool.end().then(() => process.exit(0))));
