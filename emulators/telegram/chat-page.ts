/** The built-in Telegram emulator's chat page: plain HTML and a little script, no build step. */
export const CHAT_PAGE = `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>scooter-ops · чат с ботом (эмулятор Telegram)</title>
<style>
  :root { font-family: system-ui, sans-serif; color: #1d2733; background: #e9eef3; }
  body { margin: 0; display: grid; grid-template-columns: minmax(0, 1fr) 280px; height: 100vh; }
  header { grid-column: 1 / -1; padding: 8px 16px; background: #2b5278; color: #fff; display: flex; gap: 12px; align-items: center; }
  header h1 { font-size: 16px; margin: 0; flex: 1; }
  main { display: flex; flex-direction: column; min-height: 0; }
  #log { flex: 1; overflow-y: auto; padding: 16px; display: flex; flex-direction: column; gap: 8px; }
  .msg { max-width: 75%; padding: 8px 12px; border-radius: 10px; white-space: pre-wrap; line-height: 1.35; box-shadow: 0 1px 1px #0002; }
  .bot { background: #fff; align-self: flex-start; }
  .user { background: #d9f5c5; align-self: flex-end; }
  .tap { align-self: flex-end; font-size: 12px; color: #5b6b7b; padding: 0 4px; }
  .notice { align-self: center; font-size: 13px; color: #fff; background: #3d4b5ccc; border-radius: 8px; padding: 4px 10px; }
  .keys { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 6px; }
  .keys button { flex: 1 1 45%; padding: 8px; border: 1px solid #b9c7d5; border-radius: 6px; background: #f4f8fb; cursor: pointer; font-size: 14px; }
  .keys button:focus, .keys button:hover { background: #dde9f4; outline: 2px solid #2b5278; }
  form { display: flex; gap: 8px; padding: 12px; background: #fff; border-top: 1px solid #ccd; }
  form input[type=text] { flex: 1; padding: 10px; font-size: 15px; border: 1px solid #b9c7d5; border-radius: 6px; }
  form button, aside button { padding: 8px 12px; font-size: 14px; border-radius: 6px; border: 1px solid #2b5278; background: #2b5278; color: #fff; cursor: pointer; }
  aside { background: #fff; border-left: 1px solid #ccd; padding: 12px; overflow-y: auto; }
  aside h2 { font-size: 14px; margin: 12px 0 6px; }
  aside ul { list-style: none; padding: 0; margin: 0; display: grid; gap: 6px; }
  aside li { display: flex; align-items: center; gap: 6px; }
  aside img { width: 48px; height: 48px; image-rendering: pixelated; border: 1px solid #ccd; }
  aside li span { flex: 1; font-family: monospace; }
  select { padding: 6px; font-size: 14px; }
</style>
</head>
<body>
<header>
  <h1>scooter-ops · чат с ботом (эмулятор Telegram, не настоящий Telegram)</h1>
  <label>Я: <select id="user" aria-label="Кто пишет боту"></select></label>
</header>
<main>
  <div id="log" aria-live="polite"></div>
  <form id="form">
    <input id="text" type="text" autocomplete="off" placeholder="Сообщение или ID… (/start, /give, /repair)" aria-label="Сообщение" autofocus>
    <button type="submit">Отправить</button>
    <label><input id="file" type="file" accept="image/*" hidden><button type="button" id="photo">📷 Фото</button></label>
  </form>
</main>
<aside>
  <p>Нажмите «📷 QR», чтобы отправить боту фото QR-кода, как со сканера.</p>
  <div id="codes"></div>
</aside>
<script>
const $ = (id) => document.getElementById(id);
let users = [], log = [], shown = "";
const me = () => Number($("user").value);
async function api(path, body) {
  const res = await fetch(path, body ? { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {});
  return res.json();
}
function render() {
  const entries = log.filter((e) => e.chatId === me());
  // an edited message (new text, buttons gone) is shown in place, as Telegram does
  const key = entries.map((e) => e.messageId + "." + (e.version || 0)).join(",");
  if (key === shown) return;
  shown = key;
  const box = $("log");
  box.replaceChildren(...entries.map((e) => {
    const div = document.createElement("div");
    // a pressed button is no message in Telegram: a small note here, so the chat still reads in order
    const tap = e.from === "user" && e.text.startsWith("[") && e.text.endsWith("]");
    div.className = tap ? "tap" : "msg " + e.from;
    if (tap) { div.textContent = "нажата кнопка " + e.text.slice(1, -1); return div; }
    // the bot's answer to a press (a pop-up in Telegram): "эта кнопка уже не действует"
    if (e.from === "notice") { div.className = "notice"; div.textContent = e.text; return div; }
    div.dataset.from = e.from;
    if (e.version) div.dataset.edited = "1";
    div.textContent = e.photo ? "📷 " + (e.text || "фото") : e.text;
    if (e.buttons && e.buttons.length) {
      const keys = document.createElement("div");
      keys.className = "keys";
      for (const b of e.buttons) {
        const btn = document.createElement("button");
        btn.textContent = b.text;
        btn.onclick = () => (b.url ? window.open(b.url, "_blank") : api("/chat/tap", { userId: me(), messageId: e.messageId, data: b.callback_data }));
        keys.append(btn);
      }
      div.append(keys);
    }
    return div;
  }));
  box.scrollTop = box.scrollHeight;
}
async function poll() {
  try { log = await api("/chat/log"); render(); } catch {}
  setTimeout(poll, 400);
}
$("form").onsubmit = async (ev) => {
  ev.preventDefault();
  const text = $("text").value.trim();
  if (!text) return;
  $("text").value = "";
  await api("/chat/send", { userId: me(), text });
};
$("photo").onclick = () => $("file").click();
$("file").onchange = () => {
  const file = $("file").files[0];
  if (!file) return;
  const reader = new FileReader();
  reader.onload = () => api("/chat/photo", { userId: me(), dataUrl: reader.result });
  reader.readAsDataURL(file);
};
$("user").onchange = () => { shown = ""; render(); $("text").focus(); };
(async () => {
  users = await api("/chat/users");
  $("user").replaceChildren(...users.map((u) => new Option(u.label, u.id)));
  const codes = await api("/chat/codes");
  $("codes").replaceChildren(...Object.entries(codes).map(([group, ids]) => {
    const section = document.createElement("section");
    const h = document.createElement("h2");
    h.textContent = group;
    const ul = document.createElement("ul");
    for (const id of ids) {
      const li = document.createElement("li");
      const img = new Image();
      img.src = "/chat/qr.png?text=" + encodeURIComponent(id);
      img.alt = "QR " + id;
      const span = document.createElement("span");
      span.textContent = id;
      const btn = document.createElement("button");
      btn.textContent = "📷 QR";
      btn.title = "Отправить боту фото QR-кода " + id;
      btn.onclick = () => api("/chat/qr", { userId: me(), text: id });
      li.append(img, span, btn);
      ul.append(li);
    }
    section.append(h, ul);
    return section;
  }));
  poll();
})();
</script>
</body>
</html>
`;
