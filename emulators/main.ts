/**
 * npm run emulators: the three upstream emulators as one process, with demo data, on ports
 * 4101 (scooter-accumulator), 4102 (Drive), 4103 (scooters-misc), and a control port 4100:
 *   GET  /journal                      every call each emulator received
 *   POST /fault/<service>  {"status":503} | {"delayMs":5000} | {"refuse":true} | {}
 *   POST /reset                        demo data back, journals emptied, faults cleared
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { readBody } from "./body";
import { Emulators, type Fault } from "./index";

async function main() {
  const emulators = new Emulators();
  const urls = await emulators.start({ scooterAccumulator: 4101, drive: 4102, scootersMisc: 4103 });
  const byName = new Map(emulators.all.map((service) => [service.name, service]));

  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    const reply = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body, null, 2));
    try {
      const raw = await readBody(req);
      // the one body the control port reads is a fault, taken as sent
      const body = (raw ? JSON.parse(raw) : {}) as Fault;
      const fault = /^\/fault\/([a-z-]+)$/.exec(req.url ?? "");
      if (req.method === "GET" && req.url === "/journal") return reply(200, Object.fromEntries(emulators.all.map((s) => [s.name, s.journal])));
      if (req.method === "POST" && req.url === "/reset") {
        await emulators.reset();
        return reply(200, { reset: true });
      }
      if (req.method === "POST" && fault && byName.has(fault[1])) {
        await byName.get(fault[1])!.setFault(body);
        return reply(200, { service: fault[1], fault: body });
      }
      reply(404, { message: "GET /journal, POST /fault/<service>, POST /reset" });
    } catch (error) {
      reply(400, { message: String(error) });
    }
  };
  // the server does not wait for its handler; the handler answers every error itself
  const control = createServer((req, res) => void answer(req, res));
  control.listen(4100, "127.0.0.1");
  console.log(JSON.stringify({ ...urls, CONTROL: "http://127.0.0.1:4100" }, null, 2));
  const stop = async () => {
    control.close();
    await emulators.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
