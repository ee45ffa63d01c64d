/**
 * Everything the bot says, Russian first, English for users whose Telegram language is not
 * Russian. Logic lives in the flows; words live here. The gateway's and upstreams' messages are
 * for developers: the bot words every error itself, from its code and structured fields
 * (extensions), and quotes an upstream's free text only as a reason after its own sentence.
 */
import type { Format } from "./format";
import type { HandoverKind, Role, ScooterAction } from "./generated/graphql";
import { otherIdKind, type IdKind } from "./text";

export type Lang = "ru" | "en";

/**
 * A record in the chat: the summary of a handover or of a repair's end, a vehicle's card, and a
 * repair's start with the vehicle's card (both languages, as the catalogue words them below). A button pressed under a
 * record answers with a new message, so the record stays as it was (the card stays in sight while
 * the panel below changes); other messages with buttons are prompts, edited in place.
 */
const RECORD = /^(🧾 |📊 |🛴 \S+\n|🏁 (Ремонт|Repair of) |⚠️ (Ремонт \S+ завершён как неудачный|Repair of \S+ ended as failed)|🚫 (Ремонт|Repair of) )/u;
const REPAIR_STARTED = /(^|\n)🔧 (Ремонт \S+ начат|Repair of \S+ started)\.\n/u;

export function isRecord(text: string | undefined): boolean {
  return text !== undefined && (RECORD.test(text) || REPAIR_STARTED.test(text));
}

export function langOf(languageCode: string | undefined): Lang {
  return !languageCode || languageCode.toLowerCase().startsWith("ru") ? "ru" : "en";
}

type Kind = HandoverKind;
/** A word for each of the vehicle's commands (the compiler checks that none is missing). */
type ActionNames = Record<ScooterAction, string>;

export interface ScanLine {
  accumulatorId: string;
  delivery: "DELIVERED" | "PENDING" | "REJECTED";
  expected: boolean;
  duplicate: boolean;
  /** upstream's code when REJECTED (NOT_BOOKED, NOT_HELD, ...) */
  upstreamCode: string | null;
  /** the error code when the gateway refused this one id (not a scan at all) */
  errorCode?: string;
}

export interface BookedLine {
  accumulatorId: string;
  cellId?: string | null;
  chargePercent?: number | null;
  done: boolean;
}

export interface HandoverView {
  kind: Kind;
  cabinetId: string;
  contractorId: string;
  booked: BookedLine[];
  returnCells: string[];
  done: number;
  expected: number;
}

export interface JobLine {
  title: string;
  variant: string | null;
  status: string;
  durationSeconds: number | null;
}

export interface RepairView {
  vehicleId: string;
  placeId: string;
  placeName: string | null;
  startedAt: string;
  jobs: JobLine[];
  running: JobLine | null;
}

export interface CardView {
  vehicleId: string;
  mileageKm: number | null;
  brokenComment: string | null;
  firmware: { block: string; version: string }[];
  lastRepairAt: string | null;
  sinceKm: number | null;
  active: { performer: string; startedAt: string } | null;
  repairs: { status: string; startedAt: string; performer: string; jobs: JobLine[] }[];
  /** the card shown as a repair starts: that repair is left out (the panel shows it) */
  withoutCurrent?: boolean;
}

export interface SummaryView {
  kind: Kind;
  cabinetId: string;
  contractorId: string;
  /** the counted scans that were expected (booked, or within the cells for return) */
  done: string[];
  /** the counted scans that were not: the service accepted them all the same */
  outside: string[];
  missing: string[];
  /** refused accumulators, each once (`times`: how often it was scanned and refused), none the service took in the end */
  rejected: { id: string; upstreamCode: string | null; times: number }[];
  pending: string[];
  returnCells: string[];
  /** GET: cells booked for return that no counted return took (0 for GIVE) */
  cellsLeft: number;
  /** GET: cells booked for return */
  cells: number;
}

/**
 * Structured fields of a gateway error (extensions: the domain error's details, `field` of a
 * BAD_USER_INPUT, `upstream` of an upstream's failure, `retryAfterSeconds`), plus what the bot
 * knows (a job's title). Read from the gateway's JSON as they are: every field may be missing.
 */
export interface ErrorFacts {
  reason?: string;
  field?: string;
  roles?: string[];
  placeId?: string;
  vehicleId?: string;
  cabinetId?: string;
  contractorId?: string;
  performer?: string;
  /** LAST_ADMIN: the operator who would be the last admin gone */
  login?: string;
  openKind?: string;
  jobType?: string;
  /** the running job's variant code (null: none), beside jobType */
  jobVariant?: string | null;
  /** the bot's own words for `jobType`, from the repair it knows */
  jobTitle?: string;
  upstream?: { service?: string; status?: number | null; code?: string | null; message?: string | null };
  retryAfterSeconds?: number;
}

const upstreamRu: Record<string, string> = {
  "scooter-accumulator": "Сервис аккумуляторов",
  drive: "Система самокатов (Drive)",
  "scooters-misc": "Справочник складов",
};
const upstreamEn: Record<string, string> = {
  "scooter-accumulator": "The accumulator service",
  drive: "The vehicle system (Drive)",
  "scooters-misc": "The warehouse directory",
};

/** Why scooter-accumulator refused a scan, by its code. */
const scanRefusedRu: Record<string, string> = {
  NOT_BOOKED: "не забронирован за этим контрактором в этом шкафу",
  NOT_IN_CABINET: "по данным сервиса, его нет в этом шкафу",
  NOT_HELD: "по данным сервиса, он не числится у этого контрактора",
  NO_FREE_CELL: "для него нет свободной забронированной ячейки",
  NOT_FOUND: "сервис не знает такого аккумулятора — проверьте ID",
};
const scanRefusedEn: Record<string, string> = {
  NOT_BOOKED: "is not booked for this contractor at this cabinet",
  NOT_IN_CABINET: "is not in this cabinet, the service says",
  NOT_HELD: "is not held by this contractor, the service says",
  NO_FREE_CELL: "has no free booked cell to go into",
  NOT_FOUND: "is unknown to the service — check the id",
};

const statusRu: Record<string, string> = { PERFORMING: "идёт", COMPLETED: "выполнено", FAILED: "не получилось", CANCELLED: "отменено" };
const statusEn: Record<string, string> = { PERFORMING: "in progress", COMPLETED: "done", FAILED: "failed", CANCELLED: "cancelled" };
const repairStatusRu: Record<string, string> = { PERFORMING: "идёт", COMPLETED: "завершён", FAILED: "не удался", CANCELLED: "отменён" };
const repairStatusEn: Record<string, string> = { PERFORMING: "in progress", COMPLETED: "completed", FAILED: "failed", CANCELLED: "cancelled" };
const MARK: Record<string, string> = { PERFORMING: "▶️", COMPLETED: "✅", FAILED: "⚠️", CANCELLED: "🚫" };
const roleRu: Record<string, string> = { ADMIN: "администратор", ACCUMULATOR_KEEPER: "выдача аккумуляторов", REPAIRER: "ремонт", MANAGER: "руководитель" };
const roleEn: Record<string, string> = { ADMIN: "admin", ACCUMULATOR_KEEPER: "accumulator keeper", REPAIRER: "repairer", MANAGER: "manager" };

const variantsRu: Record<string, string> = { REPLACE: "замена", REPAIR: "ремонт", TIGHTEN: "подтяжка", REPLACE_BEARING: "замена подшипника", CLEAN: "очистка" };
const variantsEn: Record<string, string> = { REPLACE: "replace", REPAIR: "repair", TIGHTEN: "tighten", REPLACE_BEARING: "replace bearing", CLEAN: "clean" };

/**
 * The vehicle's blocks as Drive names them (an open list: a block the catalogue does not know is
 * shown by its code, as an id would be). The dashboard's page has the same words.
 */
const blocksRu: Record<string, string> = {
  dashboard: "приборная панель",
  controller: "контроллер",
  iot: "модуль связи",
  battery: "батарея",
  motor: "мотор",
  bms: "контроллер батареи",
};
const firmwareWith = (blocks: Record<string, string>) => (firmware: { block: string; version: string }[]) =>
  firmware.map((fw) => `${blocks[fw.block.toLowerCase()] ?? fw.block} ${fw.version}`).join(", ") || "—";
const firmwareRu = firmwareWith(blocksRu);
const firmwareEn = firmwareWith({});

/**
 * A duration as people say it: under a minute, minutes, hours and minutes, then days and hours
 * (a repair can wait days for a part).
 */
function durationWith(u: { underMinute: string; min: string; h: string; d: string }) {
  return (seconds: number): string => {
    if (seconds < 60) return u.underMinute;
    const m = Math.round(seconds / 60);
    if (m < 60) return `${m} ${u.min}`;
    const h = Math.floor(m / 60);
    if (h < 48) return `${h} ${u.h}${m % 60 ? ` ${m % 60} ${u.min}` : ""}`;
    const hours = Math.round(m / 60);
    return `${Math.floor(hours / 24)} ${u.d}${hours % 24 ? ` ${hours % 24} ${u.h}` : ""}`;
  };
}
const durationRu = durationWith({ underMinute: "меньше минуты", min: "мин", h: "ч", d: "дн" });
const durationEn = durationWith({ underMinute: "under a minute", min: "min", h: "h", d: "d" });
/** "за 5 мин", "меньше чем за минуту" */
const withinRu = (seconds: number) => (seconds < 60 ? "меньше чем за минуту" : `за ${durationRu(seconds)}`);
const withinEn = (seconds: number) => `in ${durationEn(seconds)}`;

/** Lines of a message; null and false are left out, "" is an empty line. */
const lines = (...parts: (string | null | undefined | false)[]) => parts.filter((p) => typeof p === "string").join("\n");

function jobNameWith(variants: Record<string, string>) {
  return (j: { title: string; variant: string | null }) => (j.variant ? `${j.title} (${variants[j.variant] ?? j.variant.toLowerCase()})` : j.title);
}
const jobNameRu = jobNameWith(variantsRu);
const jobNameEn = jobNameWith(variantsEn);
/** "✅ Крылья (замена) — выполнено, 2 мин": a job in a list of the repair's jobs */
const jobLineRu = (j: JobLine) =>
  `${MARK[j.status]} ${jobNameRu(j)} — ${statusRu[j.status] ?? j.status}${j.durationSeconds != null ? `, ${durationRu(j.durationSeconds)}` : ""}`;
const jobLineEn = (j: JobLine) =>
  `${MARK[j.status]} ${jobNameEn(j)} — ${statusEn[j.status] ?? j.status}${j.durationSeconds != null ? `, ${durationEn(j.durationSeconds)}` : ""}`;

/** A warehouse as a sentence names it: «Склад Север» as it is, «Север» as склад «Север», none as склад wh-1. */
function placeShortRu(placeId: string, title: string | null): string {
  if (!title) return `склад ${placeId}`;
  return /^склад/iu.test(title) ? title : `склад «${title}»`;
}

/** The same with its id: Склад Север (wh-1). */
function placeNameRu(placeId: string, title: string | null): string {
  return title ? `${placeShortRu(placeId, title)} (${placeId})` : placeShortRu(placeId, title);
}

function placeNameEn(placeId: string, title: string | null): string {
  return title ? `${title} (${placeId})` : `warehouse ${placeId}`;
}

const ru = {
  accessClosed: (login: string, id: number) =>
    `Доступ закрыт. Чтобы пользоваться ботом, попросите администратора разрешить логин ${login ? "@" + login : "(у вас нет имени пользователя в Telegram)"} и Telegram id ${id}.`,
  greeting: (login: string) => `Здравствуйте, ${login}!`,
  whatNext: "Что делаем?",
  noRoles: "У вас пока нет ни одной роли. Попросите администратора выдать роль.",
  help: (roles: Role[]) =>
    lines(
      "Что можно сделать:",
      roles.includes("ACCUMULATOR_KEEPER") && "/give — выдать аккумуляторы контрактору (можно сразу: /give cab-1 ctr-1)",
      roles.includes("ACCUMULATOR_KEEPER") && "/get — принять аккумуляторы у контрактора",
      roles.includes("ACCUMULATOR_KEEPER") && "/done или слово «готово» — закончить выдачу или приём, с итогом",
      roles.includes("REPAIRER") && "/repair — начать ремонт самоката (можно сразу: /repair sc-1001)",
      (roles.includes("MANAGER") || roles.includes("ADMIN")) && "/stats — ремонты за 7 дней (можно сразу: /stats wh-1 или /stats все)",
      "/scooter — карточка самоката",
      "/cancel — отменить текущий шаг; открытую выдачу или приём — закрыть с итогом (сначала спрошу)",
      "ID можно набрать текстом (регистр не важен) или прислать фото QR-кода.",
    ),
  buttons: {
    give: "📤 Выдать аккумуляторы",
    get: "📥 Принять аккумуляторы",
    repair: "🔧 Начать ремонт",
    repairThis: (vehicleId: string): string => `🔧 Начать ремонт ${vehicleId}`,
    toRepair: "🔧 К ремонту",
    scooter: "🛴 Карточка самоката",
    place: (name: string | null) => (name ? (/^склад/iu.test(name) ? `🏭 ${name}` : `🏭 Склад: ${name}`) : "🏭 Указать склад"),
    /** one warehouse to choose, by its name and id */
    placeChoice: (placeId: string, name: string): string => `🏭 ${name} (${placeId})`,
    operators: "👥 Операторы",
    addOperator: "➕ Добавить оператора",
    menu: "☰ Меню",
    retry: "🔄 Попробовать снова",
    done: "✅ Готово",
    cancel: "✖️ Отмена",
    jobDone: "✅ Работа выполнена",
    jobFailed: "⚠️ Не получилось",
    jobCancelled: "🚫 Отменить работу",
    commands: "🛴 Команды самокату",
    toJobs: "⬅️ К работам",
    repairDone: "🏁 Завершить ремонт",
    repairFailed: "⚠️ Не удалось починить",
    repairCancelled: "🚫 Отменить ремонт",
    yesCancelRepair: "Да, отменить ремонт",
    yesFailRepair: "Да, ремонт не удался",
    yesFinishEmptyRepair: "Да, завершить без работ",
    yesCloseHandover: (kind: Kind): string => (kind === "GIVE" ? "Да, закрыть выдачу" : "Да, закрыть приём"),
    goOnScanning: "⬅️ Нет, сканировать дальше",
    closeAndStart: (open: Kind, next: Kind): string =>
      `Закрыть ${open === "GIVE" ? "выдачу" : "приём"} и начать ${next === "GIVE" ? "выдачу" : "приём"}${open === next ? " заново" : ""}`,
    yesDo: (action: string) => `Да, ${action.toLowerCase()}`,
    no: "Нет, назад",
    back: "⬅️ Назад",
    remove: (login: string) => `🗑 Закрыть доступ ${login}`,
    yesRemove: "Да, закрыть доступ",
  },
  variants: variantsRu,
  actions: {
    OPEN_DECK: "Открыть деку",
    BLINK_LIGHT: "Мигнуть фонарём",
    SELF_TEST: "Самотест",
    OPEN_LOCK: "Открыть замок",
    BLOCK_WHEEL: "Заблокировать колесо",
    UNBLOCK_WHEEL: "Разблокировать колесо",
  } satisfies ActionNames,
  jobName: jobNameRu,

  // handover
  askCabinet: (kind: Kind) =>
    `${kind === "GIVE" ? "📤 Выдача" : "📥 Приём"} аккумуляторов. Пришлите ID шкафа (текстом или фото QR-кода). Можно сразу шкаф и контрактора: cab-1 ctr-1.`,
  askContractor: (cabinetId: string) => `Шкаф ${cabinetId}. Теперь пришлите ID контрактора (например, ctr-1) или фото его QR-кода.`,
  notAnId: (words: string[], what: "cabinet" | "contractor" | "vehicle" | "place") =>
    `«${words.join(" ")}» не похоже на ID ${{ cabinet: "шкафа", contractor: "контрактора", vehicle: "самоката", place: "склада" }[what]}. Пришлите ID, например ${{ cabinet: "cab-1", contractor: "ctr-1", vehicle: "sc-1001", place: "wh-1" }[what]}, или фото QR-кода.`,
  tooManyIds: "Пришлите только ID шкафа и ID контрактора, через пробел (например: cab-1 ctr-1).",
  noBooking: (cabinetId: string, contractorId: string) =>
    `Не нашёл брони: у контрактора ${contractorId} нет брони в шкафу ${cabinetId}. Проверьте оба ID и пришлите их ещё раз — шкаф и контрактора через пробел (например: cab-1 ctr-1).`,
  handover: (h: HandoverView) =>
    h.kind === "GIVE"
      ? lines(
          `📤 Выдача: шкаф ${h.cabinetId}, контрактор ${h.contractorId}.`,
          h.booked.length ? `Забронировано ${h.booked.length}:` : "Забронированных аккумуляторов нет.",
          ...h.booked.map((a) => {
            const facts = [a.cellId ? `ячейка ${a.cellId}` : null, a.chargePercent != null ? `заряд ${Math.round(a.chargePercent)}%` : null].filter(Boolean);
            return `${a.done ? "✅" : "⬜"} ${a.accumulatorId}${facts.length ? " — " + facts.join(", ") : ""}`;
          }),
          `Выдано ${h.done} из ${h.expected}.`,
          "",
          "Сканируйте QR-коды аккумуляторов или пришлите их ID. Когда закончите — «✅ Готово» или слово «готово».",
        )
      : lines(
          `📥 Приём: шкаф ${h.cabinetId}, контрактор ${h.contractorId}.`,
          h.returnCells.length
            ? `Ячейки для возврата (${h.returnCells.length}): ${h.returnCells.join(", ")}.`
            : `Ячеек для возврата забронировано: ${h.expected}.`,
          `${returnedRu(h)}.`,
          "",
          "Сканируйте QR-коды сдаваемых аккумуляторов или пришлите их ID. Когда закончите — «✅ Готово» или слово «готово».",
        ),
  scanReport: (scans: ScanLine[], h: HandoverView, ignored: string[]) => {
    const fresh = scans.filter((l) => !l.duplicate && !l.errorCode);
    const group = (title: string, items: string[]) => (items.length ? `${title}: ${items.join(", ")}` : null);
    const remaining = h.kind === "GIVE" ? h.booked.filter((b) => !b.done).map((b) => b.accumulatorId) : [];
    return lines(
      group(
        "✅ Записано",
        fresh.filter((l) => l.delivery === "DELIVERED" && l.expected).map((l) => l.accumulatorId),
      ),
      group(
        "❓ Не из брони, но сервис принял",
        fresh.filter((l) => l.delivery === "DELIVERED" && !l.expected).map((l) => l.accumulatorId),
      ),
      group(
        "⏳ Записано, отправлю в сервис позже (он сейчас не отвечает), делать ничего не нужно",
        fresh.filter((l) => l.delivery === "PENDING").map((l) => l.accumulatorId),
      ),
      group(
        "🔁 Уже было",
        scans.filter((l) => l.duplicate).map((l) => l.accumulatorId),
      ),
      ...fresh.filter((l) => l.delivery === "REJECTED").map((l) => `⛔ ${l.accumulatorId} не принят: ${refusedRu(l.upstreamCode, l.accumulatorId)}`),
      ...scans.filter((l) => l.errorCode).map((l) => `⛔ ${l.accumulatorId}: это не похоже на ID аккумулятора.`),
      ignored.length ? `Не похоже на ID, пропустил: ${ignored.join(" ")}` : null,
      h.kind === "GIVE"
        ? `Выдано ${h.done} из ${h.expected}.${remaining.length ? ` Осталось: ${remaining.join(", ")}.` : " Всё по брони выдано — нажмите «✅ Готово»."}`
        : `${returnedRu(h)}.${h.done >= h.expected && h.expected > 0 ? " Все ячейки заняты — нажмите «✅ Готово»." : ""}`,
    );
  },
  scanHint:
    "Это не похоже на ID аккумулятора: ID — буквы и цифры без пробелов, например acc-1001. Пришлите ID или фото QR-кода. Когда закончите — «✅ Готово» или слово «готово».",
  noQr: "На фото не нашёл читаемого QR-кода. Сфотографируйте ближе и ровнее или наберите ID текстом.",
  summary: (s: SummaryView) =>
    lines(
      `🧾 Итог ${s.kind === "GIVE" ? "выдачи" : "приёма"}: шкаф ${s.cabinetId}, контрактор ${s.contractorId}.`,
      `${s.kind === "GIVE" ? "Выдано" : "Принято"}${s.outside.length ? " по брони" : ""}${s.done.length ? ` (${s.done.length}): ${s.done.join(", ")}` : ": ни одного аккумулятора."}`,
      s.outside.length ? `${s.kind === "GIVE" ? "Не из брони" : "Сверх брони"}, но сервис принял (${s.outside.length}): ${s.outside.join(", ")}` : null,
      s.missing.length ? `Не выдано из брони (${s.missing.length}): ${s.missing.join(", ")}` : null,
      s.cellsLeft > 0 ? `Свободных ячеек для возврата осталось: ${s.cellsLeft} из ${s.cells}.` : null,
      s.rejected.length
        ? `Не принято сервисом (${s.rejected.length}):\n${s.rejected.map((r) => `• ${r.id}: ${refusedRu(r.upstreamCode, r.id)}${r.times > 1 ? ` (сканировали ${timesRu(r.times)})` : ""}`).join("\n")}`
        : null,
      s.pending.length ? `Ждут отправки в сервис (${s.pending.length}): ${s.pending.join(", ")} — отправлю сам, делать ничего не нужно.` : null,
    ),
  noHandover: "Сейчас нет открытой выдачи или приёма. Начните кнопкой ниже или командой /give или /get.",
  /** /done or /cancel of a handover by someone who is not a keeper */
  noHandoverForYou: "Выдачей и приёмом аккумуляторов занимаются кладовщики, открытой выдачи у вас нет. Выберите действие кнопкой ниже.",

  // repair
  askVehicle: "Пришлите ID самоката (текстом или фото QR-кода).",
  /** `choices`: warehouses are offered as buttons below */
  askPlace: (choices: boolean) =>
    `На каком вы складе? ${choices ? "Выберите его кнопкой ниже или пришлите ID склада" : "Пришлите ID склада"} (например, wh-1). Запомню его для следующих ремонтов.`,
  askNewPlace: (current: string | null, choices: boolean) =>
    `${current ? `Сейчас ваш склад: ${current}. ` : ""}${choices ? "Выберите новый склад кнопкой ниже или пришлите его ID" : "Пришлите ID нового склада"} (например, wh-2).`,
  placeSet: (placeId: string, name: string | null) => `Запомнил ваш склад: ${name ? `${name} (${placeId})` : placeId}.`,
  repairStarted: (vehicleId: string) => `🔧 Ремонт ${vehicleId} начат.`,
  card: (c: CardView, f: Format) =>
    lines(
      `🛴 ${c.vehicleId}`,
      `Пробег: ${c.mileageKm === null ? "неизвестен" : `${f.number(c.mileageKm)} км`}`,
      c.brokenComment ? `Поломка: ${c.brokenComment}` : "Поломок не отмечено",
      `Прошивки: ${firmwareRu(c.firmware)}`,
      c.active ? `Сейчас в ремонте у ${c.active.performer} (с ${f.dateTime(c.active.startedAt)})` : null,
      c.lastRepairAt
        ? `Последний завершённый ремонт: ${f.date(c.lastRepairAt)}${c.sinceKm !== null ? `, с тех пор ${f.number(c.sinceKm)} км` : ""}`
        : c.repairs.length
          ? "Завершённых ремонтов ещё не было"
          : c.withoutCurrent
            ? "Раньше ремонтов не было"
            : "Ремонтов ещё не было",
      c.repairs.length
        ? `Ремонты:\n${c.repairs
            .map(
              (r) =>
                `• ${f.date(r.startedAt)}, ${r.performer} — ${r.status === "PERFORMING" ? "идёт сейчас" : (repairStatusRu[r.status] ?? r.status)}: ${
                  r.jobs.map((j) => `${MARK[j.status] ?? ""} ${jobNameRu(j)}`.trim()).join(", ") || "без работ"
                }`,
            )
            .join("\n")}`
        : null,
    ),
  /** `closed`: the panel's last state, left in the chat when the repair ends (no prompt, no buttons) */
  repairPanel: (r: RepairView, f: Format, closed = false) =>
    lines(
      `🔧 Ремонт ${r.vehicleId} · ${placeShortRu(r.placeId, r.placeName)} · начат ${f.dateTime(r.startedAt)}`,
      r.jobs.filter((j) => j.status !== "PERFORMING").length
        ? `Работы:\n${r.jobs
            .filter((j) => j.status !== "PERFORMING")
            .map(jobLineRu)
            .join("\n")}`
        : null,
      closed ? null : r.running ? `▶️ Идёт работа: ${jobNameRu(r.running)}. Когда закончите, нажмите кнопку.` : "Выберите работу:",
    ),
  commandsPanel: (vehicleId: string) => `🛴 Команды самокату ${vehicleId}. Каждая записывается в журнал.`,
  chooseVariant: (title: string) => `${title}: что именно делаем?`,
  confirmCommand: (action: string, vehicleId: string) => `${action} на самокате ${vehicleId}? Убедитесь, что самокат рядом с вами.`,
  /** `jobs`: how many jobs the repair has; `running`: one of them is under way */
  confirmCancelRepair: (vehicleId: string, jobs: number, running: boolean) =>
    lines(
      `Отменить ремонт ${vehicleId}?`,
      running ? "Идущая работа будет отменена, записанные сохранятся в истории." : jobs ? "Записанные работы сохранятся в истории." : null,
    ),
  confirmFailRepair: (vehicleId: string, jobs: number, running: boolean) =>
    lines(
      `Завершить ремонт ${vehicleId} как неудачный (починить не удалось)?`,
      running ? "Идущая работа тоже будет отмечена как неудачная." : jobs ? null : "В ремонте не записано ни одной работы.",
    ),
  confirmFinishEmptyRepair: (vehicleId: string) =>
    `В ремонте ${vehicleId} не записано ни одной работы. Завершить его как выполненный? Если ничего не делали, лучше отменить ремонт.`,
  /** /repair of a vehicle while another (or the same) repair is open: that one goes on */
  repairAlreadyOpen: (open: string, asked: string) =>
    open === asked ? `Ремонт ${open} уже идёт.` : `Сейчас открыт ремонт ${open}. Завершите или отмените его, прежде чем начинать ремонт ${asked}.`,
  jobStarted: (name: string) => `▶️ Начата работа: ${name}.`,
  jobEnded: (name: string, status: string) => `${MARK[status] ?? ""} ${name}: ${statusRu[status] ?? status}.`.trim(),
  /** the vehicle's own words on a failure are English, for the audit log: not shown */
  controlResult: (action: string, outcome: string) =>
    outcome === "OK"
      ? `✅ ${action}: выполнено.`
      : outcome === "NO_ANSWER"
        ? `⚠️ ${action}: система самокатов не ответила. Команда могла выполниться — проверьте самокат, прежде чем повторять.`
        : `⚠️ ${action}: не вышло, самокат сообщил об ошибке (она записана в журнал команд). Попробуйте ещё раз; если снова не выйдет, проверьте самокат на месте.`,
  repairEnded: (vehicleId: string, status: string, jobs: JobLine[], seconds: number | null) =>
    lines(
      status === "COMPLETED"
        ? `🏁 Ремонт ${vehicleId} завершён${seconds != null ? ` ${withinRu(seconds)}` : ""}.`
        : status === "FAILED"
          ? `⚠️ Ремонт ${vehicleId} завершён как неудачный${seconds != null ? ` (${durationRu(seconds)})` : ""}.`
          : `🚫 Ремонт ${vehicleId} отменён.`,
      jobs.length ? `Работы:\n${jobs.map(jobLineRu).join("\n")}` : "Работ не было.",
    ),
  noRepair: "Сейчас нет ремонта. Начните кнопкой «🔧 Начать ремонт» или командой /repair.",
  cancelled: (kept: string | null) => kept ?? "Отменено, ничего не потеряно.",
  askCloseHandover: (h: HandoverView) =>
    `Закрыть ${h.kind === "GIVE" ? "выдачу" : "приём"} (шкаф ${h.cabinetId}, контрактор ${h.contractorId})? ${h.kind === "GIVE" ? "Выдано" : "Принято"} ${h.done} из ${h.expected}. Всё отсканированное сохранится, итог придёт отдельным сообщением.`,
  askCloseEmptyHandover: (h: HandoverView) =>
    `Пока ${h.kind === "GIVE" ? "не выдано" : "не принято"} ни одного аккумулятора (0 из ${h.expected}). Закрыть ${h.kind === "GIVE" ? "выдачу" : "приём"} (шкаф ${h.cabinetId}, контрактор ${h.contractorId}) так?`,
  nothingBooked: (kind: Kind, cabinetId: string, contractorId: string) =>
    kind === "GIVE"
      ? `За контрактором ${contractorId} в шкафу ${cabinetId} не забронировано ни одного аккумулятора — выдавать нечего, сервис не примет ни одного. Пусть контрактор забронирует аккумуляторы в приложении, потом начните выдачу снова.`
      : `Для контрактора ${contractorId} в шкафу ${cabinetId} не забронировано ни одной ячейки для возврата — сервис не примет ни одного аккумулятора. Пусть контрактор забронирует ячейки в приложении, потом начните приём снова.`,
  askReplaceHandover: (h: HandoverView, next: Kind) =>
    `Сейчас открыт${h.kind === "GIVE" ? "а выдача" : " приём"} (шкаф ${h.cabinetId}, контрактор ${h.contractorId}): ${h.kind === "GIVE" ? "выдано" : "принято"} ${h.done} из ${h.expected}. Чтобы начать ${next === "GIVE" ? "выдачу" : "приём"}${h.kind === next ? " заново" : ""}, сначала закроем ${h.kind === "GIVE" ? "её" : "его"}: всё отсканированное сохранится, итог придёт отдельным сообщением.`,
  keptRepair: (vehicleId: string) => `Ремонт ${vehicleId} остаётся открытым: продолжайте кнопками ниже. Отменить весь ремонт — кнопка «🚫 Отменить ремонт».`,
  outdated: "Эта кнопка уже не действует — используйте последнее сообщение.",

  // admin
  operatorsList: (ops: { login: string; roles: string[]; active: boolean; placeId: string | null }[]) =>
    `👥 Операторы:\n${ops.map((o) => `• ${o.login}: ${o.roles.map((r) => roleRu[r] ?? r).join(", ")}${o.placeId ? `, склад ${o.placeId}` : ""}${o.active ? "" : " (доступ закрыт)"}`).join("\n")}`,
  askOperator:
    "Пришлите: логин роли [склад]. Роли: кладовщик (выдача аккумуляторов), механик (ремонт), руководитель (статистика), админ; несколько — через запятую. Например: ivan_petrov механик wh-1",
  operatorSaved: (login: string) => `Оператор ${login} сохранён, доступ открыт.`,
  confirmRemoveOperator: (login: string) =>
    `Закрыть доступ для ${login}? Бот перестанет ему отвечать; всё, что он записал, сохранится. Вернуть доступ можно кнопкой «➕ Добавить оператора».`,
  operatorRemoved: (login: string) => `Доступ для ${login} закрыт. Вернуть: «➕ Добавить оператора» с его логином и ролями.`,
  badOperatorLine: "Не понял. Формат: логин роли [склад], например: ivan_petrov кладовщик",
  unknownText: "Не понял. Выберите действие кнопкой ниже или посмотрите /help.",
  wrongKindOfId: (id: string, got: IdKind, want: IdKind) =>
    `${id} — это ID ${KIND_RU[got]}, а сейчас нужен ID ${KIND_RU[want]}. Пришлите его (например, ${KIND_EXAMPLE[want]}) или фото его QR-кода.`,
  pressAbove: "Чтобы ответить, нажмите кнопку в сообщении выше.",
  pressLatest: "Выберите кнопкой в последнем сообщении выше — там то, что можно сделать сейчас.",
  keptHandover: (h: HandoverView) =>
    `${h.kind === "GIVE" ? "Выдача" : "Приём"} (шкаф ${h.cabinetId}, контрактор ${h.contractorId}) остаётся открыт${h.kind === "GIVE" ? "ой" : "ым"}: ${h.kind === "GIVE" ? "выдано" : "принято"} ${h.done} из ${h.expected}. Сканируйте дальше или нажмите «✅ Готово».`,
  accumulatorWithoutHandover: (id: string, keeper: boolean) =>
    keeper
      ? `${id} — аккумулятор, но сейчас нет открытой выдачи или приёма, записать его некуда. Начните выдачу или приём кнопкой ниже (или /give, /get), потом сканируйте.`
      : `${id} — аккумулятор. Выдачу и приём аккумуляторов ведут кладовщики. Что делаем?`,
  nothingToCancel: "Отменять нечего: сейчас ничего не начато.",

  /** A gateway error in words, from its code and structured fields. */
  error: (code: string, e: ErrorFacts): string => {
    switch (code) {
      case "FORBIDDEN":
        if (e.reason === "ROLE") {
          const roles = (e.roles ?? []).map((r: string) => `«${roleRu[r] ?? r}»`);
          return roles.length === 1
            ? `Для этого нужна роль ${roles[0]}. Попросите администратора её выдать.`
            : `Для этого нужна одна из ролей: ${roles.join(", ")}. Попросите администратора выдать роль.`;
        }
        if (e.reason === "NOT_YOUR_REPAIR") return "Это чужой ремонт: менять его может только исполнитель или администратор.";
        if (e.reason === "NOT_UNDER_REPAIR") return "Команды можно отправлять только самокату, который вы сейчас ремонтируете.";
        return "Это действие вам недоступно.";
      case "BAD_USER_INPUT":
        if (e.reason === "UNKNOWN_PLACE") return `Склада ${e.placeId} нет в справочнике. Проверьте ID (например, wh-1).`;
        if (e.reason === "UNKNOWN_VEHICLE") return `Самоката ${e.vehicleId} нет в системе самокатов. Проверьте ID (например, sc-1001).`;
        if (e.reason === "UNKNOWN_JOB_TYPE" || e.reason === "RETIRED_JOB_TYPE") return "Такой работы больше нет в списке. Выберите работу кнопкой.";
        if (e.reason === "VARIANT_NEEDED" || e.reason === "NO_VARIANTS") return "Выберите вариант работы кнопкой.";
        if (e.reason === "EMPTY" || e.reason === "TOO_LONG" || e.reason === "BAD_CHARACTERS")
          return "Это не похоже на ID. Пришлите ID текстом или фото QR-кода.";
        if (e.reason === "NOT_A_LOGIN") return "Это не похоже на логин Telegram: латинские буквы, цифры и _.";
        return "Проверьте, что ввели.";
      case "NOT_FOUND":
        if (e.reason === "NO_BOOKING") return ru.noBooking(String(e.cabinetId), String(e.contractorId));
        if (e.reason === "UNKNOWN_VEHICLE") return `Самоката ${e.vehicleId} нет в системе самокатов. Проверьте ID (например, sc-1001).`;
        if (e.reason === "NO_REPAIR" || e.reason === "NO_JOB") return "Этого ремонта или работы уже нет — похоже, кнопка устарела.";
        if (e.reason === "NO_OPERATOR") return "Такого оператора нет.";
        return "Не нашёл такого.";
      case "CONFLICT":
        if (e.reason === "JOB_RUNNING") return e.jobTitle ? `Сначала закончите работу «${e.jobTitle}».` : "Сначала закончите идущую работу.";
        if (e.reason === "PERFORMER_BUSY") return `Вы уже ремонтируете ${e.vehicleId}: сначала завершите тот ремонт.`;
        if (e.reason === "VEHICLE_UNDER_REPAIR") return `Самокат ${e.vehicleId} уже в ремонте у ${e.performer}.`;
        if (e.reason === "ALREADY_ENDED") return "Это уже завершено.";
        if (e.reason === "LAST_ADMIN")
          return `${e.login} — последний админ: без него никто не сможет добавлять операторов. Сначала дайте роль «админ» кому-то ещё.`;
        return "Кто-то успел раньше. Посмотрите на последнее сообщение и попробуйте ещё раз.";
      case "INVALID_STATE":
        if (e.reason === "NO_HANDOVER") return ru.noHandover;
        if (e.reason === "OTHER_KIND")
          return e.openKind === "GIVE"
            ? "Сейчас идёт выдача аккумуляторов: сначала закончите её («✅ Готово»)."
            : "Сейчас идёт приём аккумуляторов: сначала закончите его («✅ Готово»).";
        if (e.reason === "REPAIR_IN_PROGRESS") return "Сейчас идёт ремонт: сначала завершите его.";
        if (e.reason === "HANDOVER_OPEN") return "Сейчас открыта выдача или приём аккумуляторов: сначала закончите («✅ Готово» или /done).";
        if (e.reason === "REPAIR_ENDED") return "Этот ремонт уже завершён.";
        return "Сейчас это не к месту.";
      case "UPSTREAM_REJECTED":
        return `${upstreamRu[e.upstream?.service ?? ""] ?? "Внешний сервис"} отказал. Если повторится, сообщите администратору.`;
      case "UPSTREAM_UNAVAILABLE":
        return `${upstreamRu[e.upstream?.service ?? ""] ?? "Внешний сервис"} сейчас не отвечает. Попробуйте через минуту.`;
      case "UNAVAILABLE":
        return "Сервис ненадолго недоступен. Попробуйте через минуту — записанное раньше сохранено.";
      case "RATE_LIMITED":
        return `Слишком много действий подряд. Подождите ${Math.max(1, Math.ceil(Number(e.retryAfterSeconds ?? 5)))} с и повторите.`;
      case "UNAUTHENTICATED":
        return "Бот не смог представиться сервису. Сообщите администратору.";
      case "GATEWAY_DOWN":
        return "Сервис бота сейчас недоступен. Попробуйте через минуту; отсканированное раньше сохранено.";
      default:
        return "Что-то пошло не так на нашей стороне. Попробуйте через минуту.";
    }
  },
};

/** Whose id, in the genitive: «ID шкафа». */
const KIND_RU: Record<IdKind, string> = { vehicle: "самоката", cabinet: "шкафа", contractor: "контрактора", place: "склада", accumulator: "аккумулятора" };
const KIND_EN: Record<IdKind, string> = { vehicle: "scooter", cabinet: "cabinet", contractor: "contractor", place: "warehouse", accumulator: "accumulator" };
const KIND_EXAMPLE: Record<IdKind, string> = { vehicle: "sc-1001", cabinet: "cab-1", contractor: "ctr-1", place: "wh-1", accumulator: "acc-1001" };

/** A taking back's progress: «Принято 2 из 3»; past the cells booked, not «4 из 3» but what it is. */
function returnedRu(h: { done: number; expected: number }): string {
  return h.done <= h.expected
    ? `Принято ${h.done} из ${h.expected}`
    : `Принято ${h.done} — больше, чем забронировано ячеек (${h.expected}); сервис принял и лишние`;
}
function returnedEn(h: { done: number; expected: number }): string {
  return h.done <= h.expected
    ? `Returned ${h.done} of ${h.expected}`
    : `Returned ${h.done}, more than the cells booked (${h.expected}); the service took the extra ones too`;
}

/** «2 раза», «5 раз», «22 раза» */
function timesRu(n: number): string {
  const tens = n % 100;
  const ones = n % 10;
  return `${n} ${ones >= 2 && ones <= 4 && (tens < 12 || tens > 14) ? "раза" : "раз"}`;
}

/**
 * Why a scan was refused, from the service's code; the id of another thing (a scooter's QR
 * scanned by mistake) is said to be that, which is why the service does not know it. The
 * service's own text is English for developers, so a code the catalogue does not know gets plain words, not that text.
 */

function refusedRu(code: string | null, id: string): string {
  const other = otherIdKind(id);
  if (other)
    return `это ID ${{ vehicle: "самоката", cabinet: "шкафа", contractor: "контрактора", place: "склада" }[other]}, а не аккумулятора — сканируйте QR-код на аккумуляторе.`;
  if (code && scanRefusedRu[code]) return `${scanRefusedRu[code]}.`;
  return "сервис аккумуляторов отказал — проверьте ID; если повторится, сообщите администратору.";
}
function refusedEn(code: string | null, id: string): string {
  const other = otherIdKind(id);
  if (other)
    return `that is a ${{ vehicle: "scooter", cabinet: "cabinet", contractor: "contractor", place: "warehouse" }[other]} id, not an accumulator's — scan the QR code on the accumulator.`;
  if (code && scanRefusedEn[code]) return `it ${scanRefusedEn[code]}.`;
  return "the accumulator service refused — check the id; if it happens again, tell an admin.";
}

export type Messages = typeof ru;

const en: Messages = {
  accessClosed: (login, id) =>
    `Access is closed. To use the bot, ask an admin to allow the login ${login ? "@" + login : "(you have no Telegram username)"} and Telegram id ${id}.`,
  greeting: (login) => `Hello, ${login}!`,
  whatNext: "What are we doing?",
  noRoles: "You have no role yet. Ask an admin for one.",
  help: (roles) =>
    lines(
      "What you can do:",
      roles.includes("ACCUMULATOR_KEEPER") && "/give — hand accumulators to a contractor (or at once: /give cab-1 ctr-1)",
      roles.includes("ACCUMULATOR_KEEPER") && "/get — take accumulators back from a contractor",
      roles.includes("ACCUMULATOR_KEEPER") && '/done or the word "done" — finish the handover, with a summary',
      roles.includes("REPAIRER") && "/repair — start repairing a scooter (or at once: /repair sc-1001)",
      (roles.includes("MANAGER") || roles.includes("ADMIN")) && "/stats — repairs of the last 7 days (or at once: /stats wh-1, /stats all)",
      "/scooter — a scooter's card",
      "/cancel — cancel the current step; an open handover is closed with its summary (asked first)",
      "Type ids (any case) or send a photo of their QR code.",
    ),
  buttons: {
    give: "📤 Give accumulators",
    get: "📥 Take accumulators back",
    repair: "🔧 Start a repair",
    repairThis: (vehicleId) => `🔧 Start a repair of ${vehicleId}`,
    toRepair: "🔧 Back to the repair",
    scooter: "🛴 Scooter card",
    place: (name) => (name ? `🏭 Warehouse: ${name}` : "🏭 Set the warehouse"),
    placeChoice: (placeId, name) => `🏭 ${name} (${placeId})`,
    operators: "👥 Operators",
    addOperator: "➕ Add an operator",
    menu: "☰ Menu",
    retry: "🔄 Try again",
    done: "✅ Done",
    cancel: "✖️ Cancel",
    jobDone: "✅ Job done",
    jobFailed: "⚠️ Could not do it",
    jobCancelled: "🚫 Cancel the job",
    commands: "🛴 Scooter commands",
    toJobs: "⬅️ Back to jobs",
    repairDone: "🏁 Finish the repair",
    repairFailed: "⚠️ Could not repair it",
    repairCancelled: "🚫 Cancel the repair",
    yesCancelRepair: "Yes, cancel the repair",
    yesFailRepair: "Yes, the repair failed",
    yesFinishEmptyRepair: "Yes, finish with no jobs",
    yesCloseHandover: (kind) => (kind === "GIVE" ? "Yes, close the giving" : "Yes, close the taking back"),
    goOnScanning: "⬅️ No, go on scanning",
    closeAndStart: (open, next) =>
      `Close the ${open === "GIVE" ? "giving" : "taking back"} and start ${open === next ? "another" : next === "GIVE" ? "giving" : "taking back"}`,
    yesDo: (action) => `Yes, ${action.toLowerCase()}`,
    no: "No, back",
    back: "⬅️ Back",
    remove: (login) => `🗑 Close access for ${login}`,
    yesRemove: "Yes, close the access",
  },
  variants: variantsEn,
  actions: {
    OPEN_DECK: "Open the deck",
    BLINK_LIGHT: "Blink the light",
    SELF_TEST: "Self-test",
    OPEN_LOCK: "Open the lock",
    BLOCK_WHEEL: "Block the wheel",
    UNBLOCK_WHEEL: "Unblock the wheel",
  },
  jobName: jobNameEn,
  askCabinet: (kind) =>
    `${kind === "GIVE" ? "📤 Giving" : "📥 Taking back"} accumulators. Send the cabinet id (text or a photo of its QR code). Cabinet and contractor at once work too: cab-1 ctr-1.`,
  askContractor: (cabinetId) => `Cabinet ${cabinetId}. Now send the contractor id (e.g. ctr-1) or a photo of its QR code.`,
  notAnId: (words, what) =>
    `"${words.join(" ")}" does not look like a ${{ cabinet: "cabinet", contractor: "contractor", vehicle: "scooter", place: "warehouse" }[what]} id. Send an id, e.g. ${{ cabinet: "cab-1", contractor: "ctr-1", vehicle: "sc-1001", place: "wh-1" }[what]}, or a photo of its QR code.`,
  tooManyIds: "Send only the cabinet id and the contractor id, separated by a space (e.g. cab-1 ctr-1).",
  noBooking: (cabinetId, contractorId) =>
    `No booking found: contractor ${contractorId} has no booking at cabinet ${cabinetId}. Check both ids and send them again — cabinet and contractor separated by a space (e.g. cab-1 ctr-1).`,
  handover: (h) =>
    h.kind === "GIVE"
      ? lines(
          `📤 Giving: cabinet ${h.cabinetId}, contractor ${h.contractorId}.`,
          h.booked.length ? `Booked ${h.booked.length}:` : "No accumulators are booked.",
          ...h.booked.map((a) => {
            const facts = [a.cellId ? `cell ${a.cellId}` : null, a.chargePercent != null ? `charge ${Math.round(a.chargePercent)}%` : null].filter(Boolean);
            return `${a.done ? "✅" : "⬜"} ${a.accumulatorId}${facts.length ? " — " + facts.join(", ") : ""}`;
          }),
          `Given ${h.done} of ${h.expected}.`,
          "",
          'Scan the accumulators\' QR codes or send their ids. When finished: "✅ Done" or the word "done".',
        )
      : lines(
          `📥 Taking back: cabinet ${h.cabinetId}, contractor ${h.contractorId}.`,
          h.returnCells.length ? `Cells for returns (${h.returnCells.length}): ${h.returnCells.join(", ")}.` : `Cells booked for returns: ${h.expected}.`,
          `${returnedEn(h)}.`,
          "",
          'Scan the returned accumulators\' QR codes or send their ids. When finished: "✅ Done" or the word "done".',
        ),
  scanReport: (scans, h, ignored) => {
    const fresh = scans.filter((l) => !l.duplicate && !l.errorCode);
    const group = (title: string, items: string[]) => (items.length ? `${title}: ${items.join(", ")}` : null);
    const remaining = h.kind === "GIVE" ? h.booked.filter((b) => !b.done).map((b) => b.accumulatorId) : [];
    return lines(
      group(
        "✅ Recorded",
        fresh.filter((l) => l.delivery === "DELIVERED" && l.expected).map((l) => l.accumulatorId),
      ),
      group(
        "❓ Not in the booking, but the service accepted it",
        fresh.filter((l) => l.delivery === "DELIVERED" && !l.expected).map((l) => l.accumulatorId),
      ),
      group(
        "⏳ Recorded, I will send it to the service later (it is not answering); nothing to do",
        fresh.filter((l) => l.delivery === "PENDING").map((l) => l.accumulatorId),
      ),
      group(
        "🔁 Already scanned",
        scans.filter((l) => l.duplicate).map((l) => l.accumulatorId),
      ),
      ...fresh.filter((l) => l.delivery === "REJECTED").map((l) => `⛔ ${l.accumulatorId} refused: ${refusedEn(l.upstreamCode, l.accumulatorId)}`),
      ...scans.filter((l) => l.errorCode).map((l) => `⛔ ${l.accumulatorId}: that does not look like an accumulator id.`),
      ignored.length ? `Not an id, skipped: ${ignored.join(" ")}` : null,
      h.kind === "GIVE"
        ? `Given ${h.done} of ${h.expected}.${remaining.length ? ` Left: ${remaining.join(", ")}.` : ' Everything booked is given — press "✅ Done".'}`
        : `${returnedEn(h)}.${h.done >= h.expected && h.expected > 0 ? ' Every cell is taken — press "✅ Done".' : ""}`,
    );
  },
  scanHint:
    'That does not look like an accumulator id: an id is letters and digits without spaces, e.g. acc-1001. Send an id or a photo of its QR code. When finished: "✅ Done" or the word "done".',
  noQr: "No readable QR code in that photo. Take it closer and straighter, or type the id.",
  summary: (s) =>
    lines(
      `🧾 ${s.kind === "GIVE" ? "Giving" : "Taking back"} summary: cabinet ${s.cabinetId}, contractor ${s.contractorId}.`,
      `${s.kind === "GIVE" ? "Given" : "Returned"}${s.outside.length ? " as booked" : ""}${s.done.length ? ` (${s.done.length}): ${s.done.join(", ")}` : ": none."}`,
      s.outside.length
        ? `${s.kind === "GIVE" ? "Not booked" : "Beyond the booking"}, but the service accepted (${s.outside.length}): ${s.outside.join(", ")}`
        : null,
      s.missing.length ? `Booked but not given (${s.missing.length}): ${s.missing.join(", ")}` : null,
      s.cellsLeft > 0 ? `Cells for returns still free: ${s.cellsLeft} of ${s.cells}.` : null,
      s.rejected.length
        ? `Refused by the service (${s.rejected.length}):\n${s.rejected.map((r) => `• ${r.id}: ${refusedEn(r.upstreamCode, r.id)}${r.times > 1 ? ` (scanned ${r.times} times)` : ""}`).join("\n")}`
        : null,
      s.pending.length ? `Waiting to be sent (${s.pending.length}): ${s.pending.join(", ")} — I send them by myself, nothing to do.` : null,
    ),
  noHandover: "No handover is open. Start with a button below, or /give or /get.",
  noHandoverForYou: "Handing out and taking back accumulators is for keepers; you have no handover open. Choose what to do below.",
  askVehicle: "Send the scooter id (text or a photo of its QR code).",
  askPlace: (choices) =>
    `Which warehouse are you at? ${choices ? "Choose it below or send its id" : "Send its id"} (e.g. wh-1). I will keep it for your next repairs.`,
  askNewPlace: (current, choices) =>
    `${current ? `Your warehouse now: ${current}. ` : ""}${choices ? "Choose the new warehouse below or send its id" : "Send the new warehouse's id"} (e.g. wh-2).`,
  placeSet: (placeId, name) => `Your warehouse is saved: ${name ? `${name} (${placeId})` : placeId}.`,
  repairStarted: (vehicleId) => `🔧 Repair of ${vehicleId} started.`,
  card: (c, f) =>
    lines(
      `🛴 ${c.vehicleId}`,
      `Mileage: ${c.mileageKm === null ? "unknown" : `${f.number(c.mileageKm)} km`}`,
      c.brokenComment ? `Broken: ${c.brokenComment}` : "No breakage reported",
      `Firmware: ${firmwareEn(c.firmware)}`,
      c.active ? `Under repair by ${c.active.performer} now (since ${f.dateTime(c.active.startedAt)})` : null,
      c.lastRepairAt
        ? `Last completed repair: ${f.date(c.lastRepairAt)}${c.sinceKm !== null ? `, ${f.number(c.sinceKm)} km since` : ""}`
        : c.repairs.length
          ? "No completed repair yet"
          : c.withoutCurrent
            ? "No earlier repairs"
            : "Never repaired yet",
      c.repairs.length
        ? `Repairs:\n${c.repairs
            .map(
              (r) =>
                `• ${f.date(r.startedAt)}, ${r.performer} — ${r.status === "PERFORMING" ? "in progress now" : (repairStatusEn[r.status] ?? r.status)}: ${
                  r.jobs.map((j) => `${MARK[j.status] ?? ""} ${jobNameEn(j)}`.trim()).join(", ") || "no jobs"
                }`,
            )
            .join("\n")}`
        : null,
    ),
  repairPanel: (r, f, closed = false) =>
    lines(
      `🔧 Repairing ${r.vehicleId} · warehouse ${r.placeName ? `"${r.placeName}"` : r.placeId} · started ${f.dateTime(r.startedAt)}`,
      r.jobs.filter((j) => j.status !== "PERFORMING").length
        ? `Jobs:\n${r.jobs
            .filter((j) => j.status !== "PERFORMING")
            .map(jobLineEn)
            .join("\n")}`
        : null,
      closed ? null : r.running ? `▶️ In progress: ${jobNameEn(r.running)}. Press a button when it is over.` : "Choose a job:",
    ),
  commandsPanel: (vehicleId) => `🛴 Commands to scooter ${vehicleId}. Each one is logged.`,
  chooseVariant: (title) => `${title}: what exactly?`,
  confirmCommand: (action, vehicleId) => `${action} on scooter ${vehicleId}? Make sure the scooter is next to you.`,
  confirmCancelRepair: (vehicleId, jobs, running) =>
    lines(
      `Cancel the repair of ${vehicleId}?`,
      running ? "The running job is cancelled; recorded ones stay in the history." : jobs ? "Recorded jobs stay in the history." : null,
    ),
  confirmFailRepair: (vehicleId, jobs, running) =>
    lines(
      `End the repair of ${vehicleId} as failed (it could not be repaired)?`,
      running ? "The running job is marked failed too." : jobs ? null : "No job is recorded in this repair.",
    ),
  confirmFinishEmptyRepair: (vehicleId) =>
    `No job is recorded in the repair of ${vehicleId}. Finish it as completed? If nothing was done, better cancel the repair.`,
  repairAlreadyOpen: (open, asked) =>
    open === asked
      ? `The repair of ${open} is already under way.`
      : `The repair of ${open} is open. Finish or cancel it before starting the repair of ${asked}.`,
  jobStarted: (name) => `▶️ Job started: ${name}.`,
  jobEnded: (name, status) => `${MARK[status] ?? ""} ${name}: ${statusEn[status] ?? status}.`.trim(),
  controlResult: (action, outcome) =>
    outcome === "OK"
      ? `✅ ${action}: done.`
      : outcome === "NO_ANSWER"
        ? `⚠️ ${action}: the vehicle system did not answer. The command may have run — check the scooter before sending it again.`
        : `⚠️ ${action}: did not work, the scooter reported an error (it is in the command log). Try again; if it fails again, check the scooter on the spot.`,
  repairEnded: (vehicleId, status, jobs, seconds) =>
    lines(
      status === "COMPLETED"
        ? `🏁 Repair of ${vehicleId} finished${seconds != null ? ` ${withinEn(seconds)}` : ""}.`
        : status === "FAILED"
          ? `⚠️ Repair of ${vehicleId} ended as failed${seconds != null ? ` (${durationEn(seconds)})` : ""}.`
          : `🚫 Repair of ${vehicleId} cancelled.`,
      jobs.length ? `Jobs:\n${jobs.map(jobLineEn).join("\n")}` : "No jobs.",
    ),
  noRepair: 'No repair in progress. Start one with "🔧 Start a repair" or /repair.',
  cancelled: (kept) => kept ?? "Cancelled; nothing is lost.",
  askCloseHandover: (h) =>
    `Close the ${h.kind === "GIVE" ? "giving" : "taking back"} (cabinet ${h.cabinetId}, contractor ${h.contractorId})? ${h.kind === "GIVE" ? "Given" : "Taken back"} ${h.done} of ${h.expected}. Everything scanned is kept; the summary comes as a message of its own.`,
  askCloseEmptyHandover: (h) =>
    `No accumulator ${h.kind === "GIVE" ? "given" : "taken back"} yet (0 of ${h.expected}). Close the ${h.kind === "GIVE" ? "giving" : "taking back"} (cabinet ${h.cabinetId}, contractor ${h.contractorId}) like this?`,
  nothingBooked: (kind, cabinetId, contractorId) =>
    kind === "GIVE"
      ? `Contractor ${contractorId} has no accumulator booked at cabinet ${cabinetId}: there is nothing to give, and the service would take none. Ask the contractor to book them in the app, then start the giving again.`
      : `Contractor ${contractorId} has no cell booked for returns at cabinet ${cabinetId}: the service would take no accumulator back. Ask the contractor to book cells in the app, then start the taking back again.`,
  askReplaceHandover: (h, next) =>
    `A ${h.kind === "GIVE" ? "giving" : "taking back"} is open (cabinet ${h.cabinetId}, contractor ${h.contractorId}): ${h.kind === "GIVE" ? "given" : "taken back"} ${h.done} of ${h.expected}. To start ${h.kind === next ? "another" : next === "GIVE" ? "a giving" : "a taking back"}, it is closed first: everything scanned is kept, and the summary comes as a message of its own.`,
  keptRepair: (vehicleId) => `The repair of ${vehicleId} stays open: go on with the buttons below. To cancel the whole repair: «🚫 Cancel the repair».`,
  outdated: "This button no longer works — use the latest message.",
  operatorsList: (ops) =>
    `👥 Operators:\n${ops.map((o) => `• ${o.login}: ${o.roles.map((r) => roleEn[r] ?? r).join(", ")}${o.placeId ? `, warehouse ${o.placeId}` : ""}${o.active ? "" : " (access closed)"}`).join("\n")}`,
  askOperator: "Send: login roles [warehouse]. Roles: keeper, repairer, manager, admin. E.g.: ivan_petrov repairer wh-1",
  operatorSaved: (login) => `Operator ${login} saved, access open.`,
  confirmRemoveOperator: (login) =>
    `Close access for ${login}? The bot stops answering them; everything they recorded is kept. "➕ Add an operator" gives access back.`,
  operatorRemoved: (login) => `Access closed for ${login}. To give it back: "➕ Add an operator" with their login and roles.`,
  badOperatorLine: "I did not get that. Format: login roles [warehouse], e.g.: ivan_petrov keeper",
  unknownText: "I did not get that. Choose with a button below, or see /help.",
  wrongKindOfId: (id, got, want) =>
    `${id} is a ${KIND_EN[got]} id; a ${KIND_EN[want]} id is needed now. Send it (e.g. ${KIND_EXAMPLE[want]}) or a photo of its QR code.`,
  pressAbove: "To answer, press a button in the message above.",
  pressLatest: "Choose with a button in the latest message above: it has what can be done now.",
  keptHandover: (h) =>
    `The ${h.kind === "GIVE" ? "giving" : "taking back"} (cabinet ${h.cabinetId}, contractor ${h.contractorId}) stays open: ${h.kind === "GIVE" ? "given" : "taken back"} ${h.done} of ${h.expected}. Go on scanning or press «✅ Done».`,
  accumulatorWithoutHandover: (id, keeper) =>
    keeper
      ? `${id} is an accumulator, but no giving or taking back is open to record it in. Start one with a button below (or /give, /get), then scan.`
      : `${id} is an accumulator. Keepers give and take back accumulators. What are we doing?`,
  nothingToCancel: "Nothing to cancel: nothing is started.",
  error: (code, e) => {
    switch (code) {
      case "FORBIDDEN":
        if (e.reason === "ROLE")
          return `Only these roles can do this: ${(e.roles ?? []).map((r: string) => roleEn[r] ?? r).join(", ")}. Ask an admin for the role.`;
        if (e.reason === "NOT_YOUR_REPAIR") return "That is someone else's repair: only its performer or an admin can change it.";
        if (e.reason === "NOT_UNDER_REPAIR") return "Commands go only to the scooter you are repairing now.";
        return "You cannot do this.";
      case "BAD_USER_INPUT":
        if (e.reason === "UNKNOWN_PLACE") return `There is no warehouse ${e.placeId} in the directory. Check the id (e.g. wh-1).`;
        if (e.reason === "UNKNOWN_VEHICLE") return `The vehicle system does not know scooter ${e.vehicleId}. Check the id (e.g. sc-1001).`;
        if (e.reason === "UNKNOWN_JOB_TYPE" || e.reason === "RETIRED_JOB_TYPE") return "That job is no longer in the list. Choose a job with a button.";
        if (e.reason === "VARIANT_NEEDED" || e.reason === "NO_VARIANTS") return "Choose the job's variant with a button.";
        if (e.reason === "EMPTY" || e.reason === "TOO_LONG" || e.reason === "BAD_CHARACTERS")
          return "That does not look like an id. Type the id or send a photo of its QR code.";
        if (e.reason === "NOT_A_LOGIN") return "That does not look like a Telegram login: latin letters, digits and _.";
        return "Check what you typed.";
      case "NOT_FOUND":
        if (e.reason === "NO_BOOKING") return en.noBooking(String(e.cabinetId), String(e.contractorId));
        if (e.reason === "UNKNOWN_VEHICLE") return `The vehicle system does not know scooter ${e.vehicleId}. Check the id (e.g. sc-1001).`;
        if (e.reason === "NO_REPAIR" || e.reason === "NO_JOB") return "That repair or job is gone — the button is probably outdated.";
        if (e.reason === "NO_OPERATOR") return "There is no such operator.";
        return "Not found.";
      case "CONFLICT":
        if (e.reason === "JOB_RUNNING") return e.jobTitle ? `Finish the job "${e.jobTitle}" first.` : "Finish the running job first.";
        if (e.reason === "PERFORMER_BUSY") return `You are already repairing ${e.vehicleId}: finish that repair first.`;
        if (e.reason === "VEHICLE_UNDER_REPAIR") return `Scooter ${e.vehicleId} is already under repair by ${e.performer}.`;
        if (e.reason === "ALREADY_ENDED") return "That has already ended.";
        if (e.reason === "LAST_ADMIN") return `${e.login} is the last admin: without them nobody can add operators. Make someone else an admin first.`;
        return "Someone was faster. Look at the latest message and try again.";
      case "INVALID_STATE":
        if (e.reason === "NO_HANDOVER") return en.noHandover;
        if (e.reason === "OTHER_KIND") return `A ${e.openKind === "GIVE" ? "giving" : "taking back"} handover is open: finish it first ("✅ Done").`;
        if (e.reason === "REPAIR_IN_PROGRESS") return "A repair is in progress: finish it first.";
        if (e.reason === "HANDOVER_OPEN") return 'A handover is open: finish it first ("✅ Done" or /done).';
        if (e.reason === "REPAIR_ENDED") return "That repair has already ended.";
        return "That does not fit right now.";
      case "UPSTREAM_REJECTED":
        return `${upstreamEn[e.upstream?.service ?? ""] ?? "An outside service"} refused. If it happens again, tell an admin.`;
      case "UPSTREAM_UNAVAILABLE":
        return `${upstreamEn[e.upstream?.service ?? ""] ?? "An outside service"} is not answering. Try again in a minute.`;
      case "UNAVAILABLE":
        return "The service is briefly unavailable. Try again in a minute — what was recorded before is kept.";
      case "RATE_LIMITED":
        return `Too many actions in a row. Wait ${Math.max(1, Math.ceil(Number(e.retryAfterSeconds ?? 5)))} s and try again.`;
      case "UNAUTHENTICATED":
        return "The bot could not sign in to the service. Tell an admin.";
      case "GATEWAY_DOWN":
        return "The bot's service is unavailable right now. Try again in a minute; what you scanned before is kept.";
      default:
        return "Something went wrong on our side. Try again in a minute.";
    }
  },
};

/** Every error code the bot has its own words for (the contract's codes, and the bot's own GATEWAY_DOWN). */
export const WORDED_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "CONFLICT",
  "INVALID_STATE",
  "UPSTREAM_REJECTED",
  "UPSTREAM_UNAVAILABLE",
  "UNAVAILABLE",
  "RATE_LIMITED",
  "INTERNAL_SERVER_ERROR",
  "GATEWAY_DOWN",
] as const;

export function messages(lang: Lang): Messages {
  return lang === "en" ? en : ru;
}

// ---- Repair analytics (#8): /stats and the MANAGER role. Kept in one block for the merge. -------

export interface StatsReport {
  /** the first and the last day counted, 2026-11-27 */
  days: { first: string; last: string };
  place: { id: string; title: string | null } | null;
  repairs: number;
  finished: number;
  completed: number;
  performing: number;
  failed: number;
  cancelled: number;
  medianSeconds: number | null;
  inRepairNow: number;
  frequent: string | null;
  slowest: string | null;
  mechanics: { login: string; completed: number }[];
}

const statsRu = {
  menuButton: "📊 Статистика",
  dashboardButton: "📈 Открыть дашборд",
  allPlacesButton: "По всем складам",
  forbidden: "Статистика доступна руководителям и администраторам. Попросите администратора выдать роль «руководитель».",
  report: (r: StatsReport) =>
    [
      `📊 Ремонты за 7 дней (${dayMonth(r.days.first)}–${dayMonth(r.days.last)}) — ${r.place ? placeNameRu(r.place.id, r.place.title) : "все склады"}${r.repairs === 0 ? ": ремонтов не было" : ""}`,
      r.repairs === 0 ? null : `Начато: ${r.repairs}. Закончено: ${r.finished}${endedRu(r)}`,
      r.repairs === 0 ? null : `Медиана ремонта: ${r.medianSeconds === null ? "—" : durationRu(r.medianSeconds)}`,
      `Сейчас в ремонте: ${r.inRepairNow}`,
      r.frequent ? `Чаще всего: ${r.frequent}` : null,
      r.slowest ? `Дольше всего (медиана): ${r.slowest}` : null,
      r.mechanics.length ? `Выполнили: ${r.mechanics.map((m) => `${m.login} — ${m.completed}`).join(", ")}` : null,
    ]
      .filter(Boolean)
      .join("\n"),
};

/** « — выполнено 2, не получилось 1» (the nonzero ones), or nothing when none ended. */
function endedRu(r: StatsReport): string {
  if (r.finished === 0) return "";
  const parts = [`выполнено ${r.completed}`, r.failed ? `не получилось ${r.failed}` : null, r.cancelled ? `отменено ${r.cancelled}` : null];
  return ` — ${parts.filter(Boolean).join(", ")}`;
}

function endedEn(r: StatsReport): string {
  if (r.finished === 0) return "";
  const parts = [`completed ${r.completed}`, r.failed ? `failed ${r.failed}` : null, r.cancelled ? `cancelled ${r.cancelled}` : null];
  return ` — ${parts.filter(Boolean).join(", ")}`;
}

/** 2026-11-27 as 27.11 */
function dayMonth(day: string): string {
  return `${day.slice(8, 10)}.${day.slice(5, 7)}`;
}

const statsEn: typeof statsRu = {
  menuButton: "📊 Statistics",
  dashboardButton: "📈 Open the dashboard",
  allPlacesButton: "All warehouses",
  forbidden: "Statistics are for managers and admins. Ask an admin for the manager role.",
  report: (r) =>
    [
      `📊 Repairs, last 7 days (${dayMonth(r.days.first)}–${dayMonth(r.days.last)}) — ${r.place ? placeNameEn(r.place.id, r.place.title) : "all warehouses"}${r.repairs === 0 ? ": none" : ""}`,
      r.repairs === 0 ? null : `Started: ${r.repairs}. Ended: ${r.finished}${endedEn(r)}`,
      r.repairs === 0 ? null : `Median repair: ${r.medianSeconds === null ? "—" : durationEn(r.medianSeconds)}`,
      `In repair now: ${r.inRepairNow}`,
      r.frequent ? `Most frequent: ${r.frequent}` : null,
      r.slowest ? `Slowest (median): ${r.slowest}` : null,
      r.mechanics.length ? `Completed: ${r.mechanics.map((m) => `${m.login} — ${m.completed}`).join(", ")}` : null,
    ]
      .filter(Boolean)
      .join("\n"),
};

/** The /stats words in the language of these messages. */
export function statsText(t: Messages): typeof statsRu {
  return t === en ? statsEn : statsRu;
}
