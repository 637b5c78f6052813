/* junkan web page: plain JS, no build step. Talks to /api/v1 only. */
"use strict";

const T = {
  ja: { dashboard: "物質フロー", indicators: "指標", passport: "パスポート",
        market: "マーケット", hubs: "拠点計画", diagnosis: "自治体診断",
        token: "APIトークン（任意）", system: "システム", reconciled: "データ調整後",
        national: "第五次循環基本計画の指標", period: "期間", indicator: "指標",
        value: "値", target25: "目標 (FY2025)", target30: "目標 (FY2030)",
        passportid: "パスポートID", lookup: "照会", other: "English",
        loading: "読み込み中…", none: "データがありません" },
  en: { dashboard: "Material flows", indicators: "Indicators", passport: "Passport",
        market: "Market", hubs: "Hub plan", diagnosis: "Diagnosis",
        token: "API token (optional)", system: "System", reconciled: "reconciled",
        national: "Fundamental Plan indicators", period: "Period", indicator: "Indicator",
        value: "Value", target25: "Target (FY2025)", target30: "Target (FY2030)",
        passportid: "Passport ID", lookup: "Look up", other: "日本語",
        loading: "Loading…", none: "No data" },
};
let lang = localStorage.getItem("junkan.lang") || "ja";
/* Views of the modules (web/<module>.js, loaded before this file):
 * window.JK_VIEWS.push({view: "market", path: "/api/v1/market/gap",
 *   i18n: {ja: {...}, en: {...}}, show: async (el, jk) => {...}});
 * the tab shows when the server's OpenAPI description has `path`. */
const VIEWS = {};
for (const v of (window.JK_VIEWS || [])) {
  VIEWS[v.view] = v;
  for (const l of ["ja", "en"]) Object.assign(T[l], (v.i18n || {})[l] || {});
}
let systems = [];
let paths = {};

function t(k) { return (T[lang] && T[lang][k]) || k; }
function $(id) { return document.getElementById(id); }
function status(msg) { $("status").textContent = msg || ""; }

function headers() {
  const tok = sessionStorage.getItem("junkan.token");
  return tok ? { Authorization: "Bearer " + tok } : {};
}

async function api(path, asText) {
  const r = await fetch(path, { headers: headers() });
  if (!r.ok) {
    let msg = r.status + "";
    try { msg = (await r.json()).error.message; } catch (e) { /* not JSON */ }
    throw new Error(msg);
  }
  return asText ? r.text() : r.json();
}

function translate() {
  document.documentElement.lang = lang;
  document.querySelectorAll("[data-i18n]").forEach(el => { el.textContent = t(el.dataset.i18n); });
  document.querySelectorAll("[data-i18n-placeholder]").forEach(el => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  $("lang").textContent = t("other");
}

function show(view) {
  document.querySelectorAll(".view").forEach(v => { v.hidden = v.id !== "view-" + view; });
  document.querySelectorAll("#tabs button").forEach(b => {
    if (b.dataset.view === view) b.setAttribute("aria-current", "page");
    else b.removeAttribute("aria-current");
  });
  status("");
  if (view === "dashboard") drawSankey();
  if (view === "indicators") drawNational();
  if (VIEWS[view]) VIEWS[view].show($(view + "-out"), JK);
}

async function drawSankey() {
  const sel = $("system");
  if (!sel.value) return;
  const [material, period] = sel.value.split("|");
  $("sankey").textContent = t("loading");
  try {
    const svg = await api(`/api/v1/systems/${encodeURIComponent(material)}/${encodeURIComponent(period)}/sankey.svg?lang=${lang}` +
                          ($("reconciled").checked ? "&reconcile=yes" : ""), true);
    $("sankey").innerHTML = svg;
  } catch (e) { $("sankey").textContent = ""; status(e.message); }
}

function fmt(v, unit) {
  if (v === null || v === undefined) return "–";
  return (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2)) + " " + unit;
}

async function drawNational() {
  const body = $("national").querySelector("tbody");
  const period = $("ind-period").value;
  body.textContent = "";
  if (!period) return;
  try {
    const doc = await api(`/api/v1/indicators/national?period=${encodeURIComponent(period)}`);
    for (const i of doc.items) {
      const tr = document.createElement("tr");
      const name = lang === "ja" ? i.name_ja : i.name_en;
      const cells = [name, fmt(i.value, i.unit), fmt(i.target_fy2025, i.unit), fmt(i.target_fy2030, i.unit)];
      cells.forEach((c, k) => {
        const td = document.createElement("td");
        if (k > 0) td.className = "n";
        if (k === 1 && i.value !== null && i.target_fy2030) {
          const bar = document.createElement("span");
          bar.className = "bar";
          bar.style.width = Math.min(100, 100 * i.value / i.target_fy2030) + "px";
          td.appendChild(bar);
        }
        td.appendChild(document.createTextNode(c));
        tr.appendChild(td);
      });
      body.appendChild(tr);
    }
  } catch (e) { status(e.message); }
}

/* What the modules' views get. */
const JK = { api, t, status, fmt, lang: () => lang, paths: () => paths };

async function init() {
  translate();
  const tok = sessionStorage.getItem("junkan.token");
  if (tok) $("token").value = tok;
  $("token").addEventListener("change", e => {
    sessionStorage.setItem("junkan.token", e.target.value.trim());
  });
  $("lang").addEventListener("click", () => {
    lang = lang === "ja" ? "en" : "ja";
    localStorage.setItem("junkan.lang", lang);
    translate();
    const cur = document.querySelector("#tabs button[aria-current]");
    show(cur ? cur.dataset.view : "dashboard");
  });
  document.querySelectorAll("#tabs button").forEach(b => b.addEventListener("click", () => show(b.dataset.view)));
  $("system").addEventListener("change", drawSankey);
  $("reconciled").addEventListener("change", drawSankey);
  $("ind-period").addEventListener("change", drawNational);
  try {
    paths = (await api("/api/v1/openapi.json")).paths;
    /* Tabs of the modules this server offers. */
    for (const v of Object.values(VIEWS)) $("tab-" + v.view).hidden = !paths[v.path];
    systems = (await api("/api/v1/systems")).items;
    const sel = $("system"), per = $("ind-period");
    for (const s of systems) {
      const o = document.createElement("option");
      o.value = s.material + "|" + s.period;
      o.textContent = s.material + " " + s.period;
      sel.appendChild(o);
      if (s.material === "all") {
        const p = document.createElement("option");
        p.value = p.textContent = s.period;
        per.appendChild(p);
      }
    }
  } catch (e) { status(e.message); }
  const m = location.pathname.match(/^\/p\/([^/]+)$/);
  if (m) { $("passport-id").value = decodeURIComponent(m[1]); $("tab-passport").hidden = false; show("passport"); }
  else show((location.hash || "#dashboard").slice(1));
}

init();
