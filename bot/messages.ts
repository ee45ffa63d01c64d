/**
 * Everything the bot says, Russian first, English for users whose Telegram language is not
 * Russian. Logic lives in the flows; words live here.
 */
export type Lang = "ru" | "en";

export function langOf(languageCode: string | undefined): Lang {
  return !languageCode || languageCode.toLowerCase().startsWith("ru") ? "ru" : "en";
}

type Role = "ADMIN" | "ACCUMULATOR_KEEPER" | "REPAIRER" | "MANAGER";
type Code = string;

export interface ScanLine {
  accumulatorId: string;
  delivery: "DELIVERED" | "PENDING" | "REJECTED";
  expected: boolean;
  duplicate: boolean;
  message: string | null;
}

const ru = {
  accessClosed: (login: string, id: number) =>
    `Доступ закрыт. Чтобы пользоваться ботом, попросите администратора разрешить логин ${login ? "@" + login : "(у вас нет имени пользователя в Telegram)"} и Telegram id ${id}.`,
  greeting: (login: string) => `Здравствуйте, ${login}! Что делаем?`,
  noRoles: "У вас пока нет ни одной роли. Попросите администратора выдать роль.",
  help: (roles: Role[]) =>
    [
      "Что можно сделать:",
      roles.includes("ACCUMULATOR_KEEPER") ? "/give — выдать аккумуляторы контрактору (можно сразу: /give шкаф контрактор)" : null,
      roles.includes("ACCUMULATOR_KEEPER") ? "/get — принять аккумуляторы у контрактора" : null,
      roles.includes("ACCUMULATOR_KEEPER") ? "/done — закончить выдачу или приём, итог" : null,
      roles.includes("REPAIRER") ? "/repair — начать ремонт самоката (можно сразу: /repair sc-1001)" : null,
      "/scooter — карточка самоката",
      "/cancel — выйти из текущего шага",
      "ID можно набрать текстом или прислать фото QR-кода.",
    ]
      .filter(Boolean)
      .join("\n"),
  buttons: {
    give: "📤 Выдать аккумуляторы",
    get: "📥 Принять аккумуляторы",
    repair: "🔧 Начать ремонт",
    scooter: "🛴 Карточка самоката",
    operators: "👥 Операторы",
    addOperator: "➕ Добавить оператора",
    done: "✅ Готово",
    cancel: "✖️ Отмена",
    jobDone: "✅ Работа выполнена",
    jobFailed: "⚠️ Не получилось",
    jobCancelled: "🚫 Отменить работу",
    repairDone: "🏁 Завершить ремонт",
    repairCancelled: "🚫 Отменить ремонт",
    back: "⬅️ Назад",
    remove: (login: string) => `🗑 Убрать ${login}`,
  },
  variants: { REPLACE: "замена", REPAIR: "ремонт", TIGHTEN: "подтяжка", REPLACE_BEARING: "замена подшипника", CLEAN: "очистка" } as Record<string, string>,
  actions: {
    OPEN_DECK: "Открыть деку",
    BLINK_LIGHT: "Мигнуть фонарём",
    SELF_TEST: "Самотест",
    OPEN_LOCK: "Открыть замок",
    BLOCK_WHEEL: "Заблокировать колесо",
    UNBLOCK_WHEEL: "Разблокировать колесо",
  } as Record<string, string>,
  askCabinet: (kind: "GIVE" | "GET") => `${kind === "GIVE" ? "Выдача" : "Приём"} аккумуляторов. Пришлите ID шкафа (текстом или фото QR-кода).`,
  askContractor: (cabinetId: string) => `Шкаф ${cabinetId}. Теперь ID контрактора.`,
  booking: (kind: "GIVE" | "GET", cabinetId: string, contractorId: string, accumulators: { accumulatorId: string; cellId: string | null }[], cells: number) =>
    kind === "GIVE"
      ? `Выдача: шкаф ${cabinetId}, контрактор ${contractorId}.\nЗабронировано ${accumulators.length}:\n${accumulators
          .map((a) => `• ${a.accumulatorId}${a.cellId ? ` (ячейка ${a.cellId})` : ""}`)
          .join("\n") || "— ничего"}\n\nСканируйте QR-коды аккумуляторов или пришлите их ID. Когда закончите — /done.`
      : `Приём: шкаф ${cabinetId}, контрактор ${contractorId}.\nЗабронировано ячеек для возврата: ${cells}.\n\nСканируйте QR-коды сдаваемых аккумуляторов или пришлите их ID. Когда закончите — /done.`,
  replaced: (cabinetId: string, contractorId: string) => `Предыдущая передача (шкаф ${cabinetId}, контрактор ${contractorId}) закрыта, записанное сохранено.`,
  scanReport: (lines: ScanLine[], done: number, expected: number, kind: "GIVE" | "GET") => {
    const group = (title: string, items: string[]) => (items.length ? `${title}: ${items.join(", ")}` : null);
    const fresh = lines.filter((l) => !l.duplicate);
    return [
      group("✅ Записано", fresh.filter((l) => l.delivery === "DELIVERED" && l.expected).map((l) => l.accumulatorId)),
      group("❓ Не из брони, но принято", fresh.filter((l) => l.delivery === "DELIVERED" && !l.expected).map((l) => l.accumulatorId)),
      group("⏳ Записано, отправим позже (сервис аккумуляторов не отвечает)", fresh.filter((l) => l.delivery === "PENDING").map((l) => l.accumulatorId)),
      group("🔁 Уже было", lines.filter((l) => l.duplicate).map((l) => l.accumulatorId)),
      ...fresh.filter((l) => l.delivery === "REJECTED").map((l) => `⛔ ${l.accumulatorId}: не принято — ${l.message ?? "причина не указана"}`),
      `${kind === "GIVE" ? "Выдано" : "Принято"}: ${done} из ${expected}.`,
    ]
      .filter(Boolean)
      .join("\n");
  },
  noIds: "Не нашёл ID в сообщении. Пришлите ID аккумуляторов через пробел, запятую или с новой строки, или фото QR-кода.",
  noQr: "На фото не нашёл читаемого QR-кода. Сфотографируйте ближе и ровнее, или наберите ID текстом.",
  summary: (
    kind: "GIVE" | "GET",
    cabinetId: string,
    contractorId: string,
    done: string[],
    missing: string[],
    rejected: { id: string; why: string | null }[],
    pending: string[],
  ) =>
    [
      `Итог ${kind === "GIVE" ? "выдачи" : "приёма"}: шкаф ${cabinetId}, контрактор ${contractorId}.`,
      `${kind === "GIVE" ? "Выдано" : "Принято"} (${done.length}): ${done.join(", ") || "—"}`,
      missing.length ? `Не выдано из брони (${missing.length}): ${missing.join(", ")}` : null,
      rejected.length ? `Не принято сервисом (${rejected.length}):\n${rejected.map((r) => `• ${r.id}: ${r.why ?? "—"}`).join("\n")}` : null,
      pending.length ? `Ждут отправки (${pending.length}): ${pending.join(", ")} — бот отправит сам, ничего делать не нужно.` : null,
    ]
      .filter(Boolean)
      .join("\n"),
  noHandover: "Сейчас нет открытой выдачи или приёма. Начните с /give или /get.",
  askVehicle: "Пришлите ID самоката (текстом или фото QR-кода).",
  askPlace: "На каком вы складе? Пришлите ID склада (например, wh-1). Спрошу один раз.",
  placeSet: (placeId: string) => `Склад ${placeId} запомнил.`,
  repairStarted: (vehicleId: string, placeId: string) => `Ремонт ${vehicleId} начат (склад ${placeId}).`,
  card: (c: {
    vehicleId: string;
    mileageKm: number | null;
    brokenComment: string | null;
    firmware: { block: string; version: string }[];
    lastRepairAt: string | null;
    sinceKm: number | null;
    activeBy: string | null;
    repairs: { status: string; startedAt: string; performer: string; jobs: string[] }[];
  }) =>
    [
      `🛴 ${c.vehicleId}`,
      `Пробег: ${c.mileageKm === null ? "неизвестен" : `${c.mileageKm} км`}`,
      c.brokenComment ? `Поломка: ${c.brokenComment}` : "Поломок не отмечено",
      `Прошивки: ${c.firmware.map((f) => `${f.block} ${f.version}`).join(", ") || "—"}`,
      c.activeBy ? `Сейчас в ремонте у ${c.activeBy}` : null,
      c.lastRepairAt ? `Последний ремонт: ${c.lastRepairAt.slice(0, 10)}${c.sinceKm !== null ? `, с тех пор ${c.sinceKm} км` : ""}` : "Ремонтов ещё не было",
      c.repairs.length
        ? `История:\n${c.repairs.map((r) => `• ${r.startedAt.slice(0, 10)} ${r.performer}, ${statusRu[r.status] ?? r.status}: ${r.jobs.join(", ") || "без работ"}`).join("\n")}`
        : null,
    ]
      .filter(Boolean)
      .join("\n"),
  chooseJob: "Выберите работу:",
  chooseVariant: (title: string) => `${title}: что делаем?`,
  jobStarted: (title: string) => `Работа «${title}» идёт. Когда закончите, нажмите кнопку.`,
  jobEnded: (title: string, status: string) => `Работа «${title}»: ${statusRu[status] ?? status}.`,
  controlResult: (action: string, ok: boolean, message: string | null) =>
    ok ? `✅ ${action}: выполнено.` : `⚠️ ${action}: не вышло${message ? ` — ${message}` : ""}.`,
  repairEnded: (vehicleId: string, status: string, jobs: string[], minutes: number | null) =>
    `Ремонт ${vehicleId}: ${statusRu[status] ?? status}${minutes !== null ? `, ${minutes} мин` : ""}.\nРаботы: ${jobs.join(", ") || "—"}`,
  repairPanel: (vehicleId: string, running: string | null) =>
    `Ремонт ${vehicleId}.${running ? ` Идёт работа «${running}».` : ""} Команды самокату и работы — кнопками ниже.`,
  noRepair: "Сейчас нет ремонта. Начните с /repair.",
  cancelled: (what: string | null) => (what ? `Вышел из шага. ${what}` : "Вышел из шага. Ничего не потеряно."),
  keptHandover: "Передача закрыта, все отсканированные аккумуляторы сохранены.",
  keptRepair: "Ремонт остаётся открытым: закончите его кнопкой или /repair.",
  operatorsList: (ops: { login: string; roles: string[]; active: boolean; placeId: string | null }[]) =>
    `Операторы:\n${ops.map((o) => `• ${o.login}: ${o.roles.map((r) => roleRu[r] ?? r).join(", ")}${o.placeId ? `, склад ${o.placeId}` : ""}${o.active ? "" : " (доступ закрыт)"}`).join("\n")}`,
  askOperator: "Пришлите: логин роли [склад]. Роли: keeper, repairer, manager, admin (через запятую). Например: ivan_petrov repairer wh-1",
  operatorSaved: (login: string) => `Оператор ${login} сохранён, доступ открыт.`,
  operatorRemoved: (login: string) => `Доступ для ${login} закрыт.`,
  badOperatorLine: "Не понял. Формат: логин роли [склад], например: ivan_petrov keeper",
  unknownText: "Не понял. Выберите действие кнопкой или /help.",
  errors: {
    UNAUTHENTICATED: "Бот не смог представиться сервису. Сообщите администратору.",
    FORBIDDEN: "Это действие вам недоступно.",
    BAD_USER_INPUT: "Проверьте, что ввели.",
    NOT_FOUND: "Не нашёл такого.",
    CONFLICT: "Так нельзя прямо сейчас.",
    INVALID_STATE: "Сейчас это не к месту.",
    UPSTREAM_REJECTED: "Сервис отказал.",
    UPSTREAM_UNAVAILABLE: "Сервис сейчас не отвечает. Попробуйте через минуту.",
    INTERNAL: "Что-то пошло не так на нашей стороне. Попробуйте через минуту.",
    GATEWAY_DOWN: "Сервис бота сейчас недоступен. Попробуйте через минуту; отсканированное раньше сохранено.",
  } as Record<Code, string>,
};

const statusRu: Record<string, string> = { PERFORMING: "идёт", COMPLETED: "выполнено", FAILED: "не получилось", CANCELLED: "отменено" };
const roleRu: Record<string, string> = { ADMIN: "админ", ACCUMULATOR_KEEPER: "выдача аккумуляторов", REPAIRER: "ремонт", MANAGER: "менеджер (статистика)" };
const statusEn: Record<string, string> = { PERFORMING: "in progress", COMPLETED: "completed", FAILED: "failed", CANCELLED: "cancelled" };

export type Messages = typeof ru;

const en: Messages = {
  ...ru,
  accessClosed: (login, id) =>
    `Access is closed. To use the bot, ask an admin to allow the login ${login ? "@" + login : "(you have no Telegram username)"} and Telegram id ${id}.`,
  greeting: (login) => `Hello, ${login}! What are we doing?`,
  noRoles: "You have no role yet. Ask an admin for one.",
  help: (roles) =>
    [
      "What you can do:",
      roles.includes("ACCUMULATOR_KEEPER") ? "/give — hand accumulators to a contractor (or at once: /give cabinet contractor)" : null,
      roles.includes("ACCUMULATOR_KEEPER") ? "/get — take accumulators back from a contractor" : null,
      roles.includes("ACCUMULATOR_KEEPER") ? "/done — finish the handover, with a summary" : null,
      roles.includes("REPAIRER") ? "/repair — start repairing a scooter (or at once: /repair sc-1001)" : null,
      "/scooter — a scooter's card",
      "/cancel — leave the current step",
      "Type ids or send a photo of their QR code.",
    ]
      .filter(Boolean)
      .join("\n"),
  buttons: {
    give: "📤 Give accumulators",
    get: "📥 Take accumulators back",
    repair: "🔧 Start a repair",
    scooter: "🛴 Scooter card",
    operators: "👥 Operators",
    addOperator: "➕ Add an operator",
    done: "✅ Done",
    cancel: "✖️ Cancel",
    jobDone: "✅ Job done",
    jobFailed: "⚠️ Could not do it",
    jobCancelled: "🚫 Cancel the job",
    repairDone: "🏁 Finish the repair",
    repairCancelled: "🚫 Cancel the repair",
    back: "⬅️ Back",
    remove: (login) => `🗑 Remove ${login}`,
  },
  variants: { REPLACE: "replace", REPAIR: "repair", TIGHTEN: "tighten", REPLACE_BEARING: "replace bearing", CLEAN: "clean" },
  actions: {
    OPEN_DECK: "Open the deck",
    BLINK_LIGHT: "Blink the light",
    SELF_TEST: "Self-test",
    OPEN_LOCK: "Open the lock",
    BLOCK_WHEEL: "Block the wheel",
    UNBLOCK_WHEEL: "Unblock the wheel",
  },
  askCabinet: (kind) => `${kind === "GIVE" ? "Giving" : "Taking back"} accumulators. Send the cabinet id (text or a photo of its QR code).`,
  askContractor: (cabinetId) => `Cabinet ${cabinetId}. Now the contractor id.`,
  booking: (kind, cabinetId, contractorId, accumulators, cells) =>
    kind === "GIVE"
      ? `Giving: cabinet ${cabinetId}, contractor ${contractorId}.\nBooked ${accumulators.length}:\n${accumulators
          .map((a) => `• ${a.accumulatorId}${a.cellId ? ` (cell ${a.cellId})` : ""}`)
          .join("\n") || "— nothing"}\n\nScan the accumulators' QR codes or send their ids. When done: /done.`
      : `Taking back: cabinet ${cabinetId}, contractor ${contractorId}.\nCells booked for returns: ${cells}.\n\nScan the returned accumulators' QR codes or send their ids. When done: /done.`,
  replaced: (cabinetId, contractorId) => `The previous handover (cabinet ${cabinetId}, contractor ${contractorId}) is closed; what was recorded is kept.`,
  scanReport: (lines, done, expected, kind) => {
    const group = (title: string, items: string[]) => (items.length ? `${title}: ${items.join(", ")}` : null);
    const fresh = lines.filter((l) => !l.duplicate);
    return [
      group("✅ Recorded", fresh.filter((l) => l.delivery === "DELIVERED" && l.expected).map((l) => l.accumulatorId)),
      group("❓ Not in the booking, but accepted", fresh.filter((l) => l.delivery === "DELIVERED" && !l.expected).map((l) => l.accumulatorId)),
      group("⏳ Recorded, will be sent later (the accumulator service is not answering)", fresh.filter((l) => l.delivery === "PENDING").map((l) => l.accumulatorId)),
      group("🔁 Already scanned", lines.filter((l) => l.duplicate).map((l) => l.accumulatorId)),
      ...fresh.filter((l) => l.delivery === "REJECTED").map((l) => `⛔ ${l.accumulatorId}: refused — ${l.message ?? "no reason given"}`),
      `${kind === "GIVE" ? "Given" : "Returned"}: ${done} of ${expected}.`,
    ]
      .filter(Boolean)
      .join("\n");
  },
  noIds: "No id in that message. Send accumulator ids separated by spaces, commas or new lines, or a photo of a QR code.",
  noQr: "No readable QR code in that photo. Take it closer and straighter, or type the id.",
  summary: (kind, cabinetId, contractorId, done, missing, rejected, pending) =>
    [
      `${kind === "GIVE" ? "Giving" : "Taking back"} summary: cabinet ${cabinetId}, contractor ${contractorId}.`,
      `${kind === "GIVE" ? "Given" : "Returned"} (${done.length}): ${done.join(", ") || "—"}`,
      missing.length ? `Booked but not given (${missing.length}): ${missing.join(", ")}` : null,
      rejected.length ? `Refused by the service (${rejected.length}):\n${rejected.map((r) => `• ${r.id}: ${r.why ?? "—"}`).join("\n")}` : null,
      pending.length ? `Waiting to be sent (${pending.length}): ${pending.join(", ")} — the bot sends them by itself, nothing to do.` : null,
    ]
      .filter(Boolean)
      .join("\n"),
  noHandover: "No handover is open. Start with /give or /get.",
  askVehicle: "Send the scooter id (text or a photo of its QR code).",
  askPlace: "Which warehouse are you at? Send its id (e.g. wh-1). I will ask only once.",
  placeSet: (placeId) => `Warehouse ${placeId} saved.`,
  repairStarted: (vehicleId, placeId) => `Repair of ${vehicleId} started (warehouse ${placeId}).`,
  card: (c) =>
    [
      `🛴 ${c.vehicleId}`,
      `Mileage: ${c.mileageKm === null ? "unknown" : `${c.mileageKm} km`}`,
      c.brokenComment ? `Broken: ${c.brokenComment}` : "No breakage reported",
      `Firmware: ${c.firmware.map((f) => `${f.block} ${f.version}`).join(", ") || "—"}`,
      c.activeBy ? `Under repair by ${c.activeBy} now` : null,
      c.lastRepairAt ? `Last repair: ${c.lastRepairAt.slice(0, 10)}${c.sinceKm !== null ? `, ${c.sinceKm} km since` : ""}` : "Never repaired yet",
      c.repairs.length
        ? `History:\n${c.repairs.map((r) => `• ${r.startedAt.slice(0, 10)} ${r.performer}, ${statusEn[r.status] ?? r.status}: ${r.jobs.join(", ") || "no jobs"}`).join("\n")}`
        : null,
    ]
      .filter(Boolean)
      .join("\n"),
  chooseJob: "Choose a job:",
  chooseVariant: (title) => `${title}: what exactly?`,
  jobStarted: (title) => `Job "${title}" is in progress. Press a button when it is over.`,
  jobEnded: (title, status) => `Job "${title}": ${statusEn[status] ?? status}.`,
  controlResult: (action, ok, message) => (ok ? `✅ ${action}: done.` : `⚠️ ${action}: did not work${message ? ` — ${message}` : ""}.`),
  repairEnded: (vehicleId, status, jobs, minutes) =>
    `Repair of ${vehicleId}: ${statusEn[status] ?? status}${minutes !== null ? `, ${minutes} min` : ""}.\nJobs: ${jobs.join(", ") || "—"}`,
  repairPanel: (vehicleId, running) => `Repairing ${vehicleId}.${running ? ` Job "${running}" is in progress.` : ""} Scooter commands and jobs: buttons below.`,
  noRepair: "No repair in progress. Start with /repair.",
  cancelled: (what) => (what ? `Left the step. ${what}` : "Left the step. Nothing is lost."),
  keptHandover: "The handover is closed; every scanned accumulator is kept.",
  keptRepair: "The repair stays open: finish it with the buttons or /repair.",
  operatorsList: (ops) =>
    `Operators:\n${ops.map((o) => `• ${o.login}: ${o.roles.join(", ")}${o.placeId ? `, warehouse ${o.placeId}` : ""}${o.active ? "" : " (access closed)"}`).join("\n")}`,
  askOperator: "Send: login roles [warehouse]. Roles: keeper, repairer, manager, admin (comma-separated). E.g.: ivan_petrov repairer wh-1",
  operatorSaved: (login) => `Operator ${login} saved, access open.`,
  operatorRemoved: (login) => `Access closed for ${login}.`,
  badOperatorLine: "I did not get that. Format: login roles [warehouse], e.g.: ivan_petrov keeper",
  unknownText: "I did not get that. Choose with a button, or /help.",
  errors: {
    UNAUTHENTICATED: "The bot could not sign in to the service. Tell an admin.",
    FORBIDDEN: "You cannot do this.",
    BAD_USER_INPUT: "Check what you typed.",
    NOT_FOUND: "Not found.",
    CONFLICT: "Not possible right now.",
    INVALID_STATE: "That does not fit right now.",
    UPSTREAM_REJECTED: "The service refused.",
    UPSTREAM_UNAVAILABLE: "The service is not answering. Try again in a minute.",
    INTERNAL: "Something went wrong on our side. Try again in a minute.",
    GATEWAY_DOWN: "The bot's service is unavailable right now. Try again in a minute; what you scanned before is kept.",
  },
};

export function messages(lang: Lang): Messages {
  return lang === "en" ? en : ru;
}

// ---- Repair analytics (#8): /stats and the MANAGER role. Kept in one block for the merge. -------

export interface StatsReport {
  place: { id: string; title: string | null } | null;
  repairs: number;
  finished: number;
  performing: number;
  failed: number;
  cancelled: number;
  medianSeconds: number | null;
  inRepairNow: number;
  frequent: string | null;
  slowest: string | null;
  mechanics: { login: string; completed: number }[];
}

function minutesRu(seconds: number): string {
  const m = Math.round(seconds / 60);
  return m < 60 ? `${m} мин` : `${Math.floor(m / 60)} ч${m % 60 ? ` ${m % 60} мин` : ""}`;
}

function minutesEn(seconds: number): string {
  const m = Math.round(seconds / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ""}`;
}

const statsRu = {
  menuButton: "📊 Статистика",
  dashboardButton: "📈 Открыть дашборд",
  allPlacesButton: "По всем складам",
  myPlaceButton: (placeId: string) => `По моему складу (${placeId})`,
  forbidden: "Статистика доступна менеджерам и администраторам. Попросите администратора выдать роль «менеджер».",
  report: (r: StatsReport) =>
    r.repairs === 0
      ? `📊 За 7 дней ${r.place ? `на складе ${r.place.title ?? r.place.id}` : "по всем складам"} ремонтов не было.\nСейчас в ремонте: ${r.inRepairNow}.`
      : [
          `📊 Ремонты за 7 дней — ${r.place ? `склад ${r.place.title ? `${r.place.title} (${r.place.id})` : r.place.id}` : "все склады"}`,
          `Начато: ${r.repairs}, завершено: ${r.finished}${r.failed || r.cancelled ? ` (не получилось: ${r.failed}, отменено: ${r.cancelled})` : ""}`,
          `Медиана ремонта: ${r.medianSeconds === null ? "—" : minutesRu(r.medianSeconds)}`,
          `Сейчас в ремонте: ${r.inRepairNow}`,
          r.frequent ? `Чаще всего: ${r.frequent}` : null,
          r.slowest ? `Дольше всего (медиана): ${r.slowest}` : null,
          r.mechanics.length ? `Выполнили: ${r.mechanics.map((m) => `${m.login} — ${m.completed}`).join(", ")}` : null,
        ]
          .filter(Boolean)
          .join("\n"),
};

const statsEn: typeof statsRu = {
  menuButton: "📊 Statistics",
  dashboardButton: "📈 Open the dashboard",
  allPlacesButton: "All warehouses",
  myPlaceButton: (placeId) => `My warehouse (${placeId})`,
  forbidden: "Statistics are for managers and admins. Ask an admin for the manager role.",
  report: (r) =>
    r.repairs === 0
      ? `📊 No repairs in the last 7 days ${r.place ? `at ${r.place.title ?? r.place.id}` : "at any warehouse"}.\nIn repair now: ${r.inRepairNow}.`
      : [
          `📊 Repairs, last 7 days — ${r.place ? `warehouse ${r.place.title ? `${r.place.title} (${r.place.id})` : r.place.id}` : "all warehouses"}`,
          `Started: ${r.repairs}, ended: ${r.finished}${r.failed || r.cancelled ? ` (failed: ${r.failed}, cancelled: ${r.cancelled})` : ""}`,
          `Median repair: ${r.medianSeconds === null ? "—" : minutesEn(r.medianSeconds)}`,
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
