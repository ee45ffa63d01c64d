import type { EntityManager } from "@mikro-orm/postgresql";
import DataLoader from "dataloader";
import { HandoverScan } from "./handover/handover.entity";
import { Operator } from "./operators/operator.entity";

/** Per-request batch loaders: a list of N handovers costs one query per relation, not N. */
export function createLoaders(em: EntityManager) {
  return {
    operator: new DataLoader<string, Operator | null>(async (logins) => {
      const found = await em.find(Operator, { login: { $in: [...logins] } });
      const byLogin = new Map(found.map((o) => [o.login, o]));
      return logins.map((login) => byLogin.get(login) ?? null);
    }),
    scansOfHandover: new DataLoader<string, HandoverScan[]>(async (handoverIds) => {
      const scans = await em.find(HandoverScan, { handover: { $in: [...handoverIds] } }, { orderBy: { id: "asc" } });
      const byHandover = new Map<string, HandoverScan[]>(handoverIds.map((id) => [id, []]));
      for (const scan of scans) byHandover.get(scan.handover.id)?.push(scan);
      return handoverIds.map((id) => byHandover.get(id)!);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
