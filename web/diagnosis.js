/* junkan web page: the municipal diagnosis view (自治体診断).
 * A municipality chosen from the national list (a search over code and
 * name, and a select), its indicators against its peer group (value,
 * peer median and quartiles, 偏差値, percentile, potential) and its
 * measures ranked by GHG saved with their effects and the combined
 * scenario, with a link to the HTML report. Uses /api/v1/diagnoses. */
"use strict";
(function () {
  const I18N = {
    ja: {
      dgMuni: "自治体", dgSearch: "コードまたは名称で検索", dgType: "類型",
      dgGroup: "比較グループ", dgPref: "都道府県", dgFy: "年度",
      dgIndicators: "現状把握：類似団体との比較", dgIndicator: "指標",
      dgValue: "値", dgUnit: "単位", dgMedian: "類似団体の中央値",
      dgRange: "P25–P75", dgDeviation: "偏差値", dgPercentile: "パーセンタイル",
      dgPotential: "ポテンシャル (t/年)", dgPeers: "比較団体数",
      dgMeasures: "改善提案と効果（GHG削減量の大きい順）", dgRank: "順位",
      dgMeasure: "施策", dgRecovered: "資源化量 (t/年)", dgGhg: "GHG (tCO2e/年)",
      dgFd: "最終処分量 (t/年)", dgCost: "費用 (千円/年)", dgPerCo2: "円/tCO2e",
      dgCombined: "すべての施策の組合せ（重複なし）", dgReport: "HTMLレポート",
      dgNoMatch: "該当する自治体がありません",
      dgNote: "偏差値は高いほど良い（低いほど良い指標は符号を反転）。パーセンタイルは類似団体のうち成績が下回る割合。負のGHG・最終処分量は削減。",
    },
    en: {
      dgMuni: "Municipality", dgSearch: "Search by code or name", dgType: "Type",
      dgGroup: "Peer group", dgPref: "Prefecture", dgFy: "Fiscal year",
      dgIndicators: "Indicators against the peer group", dgIndicator: "Indicator",
      dgValue: "Value", dgUnit: "Unit", dgMedian: "Peer median",
      dgRange: "P25–P75", dgDeviation: "Deviation score", dgPercentile: "Percentile",
      dgPotential: "Potential (t/yr)", dgPeers: "Peers",
      dgMeasures: "Measures and their effects (ranked by GHG saved)", dgRank: "Rank",
      dgMeasure: "Measure", dgRecovered: "Recovered (t/yr)", dgGhg: "GHG (tCO2e/yr)",
      dgFd: "Final disposal (t/yr)", dgCost: "Cost (k¥/yr)", dgPerCo2: "¥/tCO2e",
      dgCombined: "All measures combined (no double counting)", dgReport: "HTML report",
      dgNoMatch: "No municipality matches",
      dgNote: "Deviation scores (偏差値): higher is better (sign flipped where lower is better). Percentile: share of peers doing worse. Negative GHG and final disposal are savings.",
    },
  };

  let list = null;   /* the national list */
  let chosen = null; /* code of the municipality shown */
  let filter = "";

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") e.textContent = v;
      else e.setAttribute(k, v);
    }
    for (const k of kids) if (k) e.appendChild(k);
    return e;
  }

  function decimals(unit) {
    if (unit === "t/t" || unit === "kg/人日") return 3;
    if (unit === "円/人年" || unit === "円/t" || unit === "tCO2/年") return 0;
    return 1;
  }

  function num(v, dec, lang) {
    if (v === null || v === undefined) return "–";
    if (Math.abs(v) < 0.5 * Math.pow(10, -dec)) v = 0; /* no "-0" */
    return v.toLocaleString(lang === "ja" ? "ja-JP" : "en-GB",
      { minimumFractionDigits: dec, maximumFractionDigits: dec });
  }

  function table(id, heads, rows) {
    const tr = el("tr");
    heads.forEach(h => tr.appendChild(el("th", { text: h })));
    const body = el("tbody");
    rows.forEach(r => body.appendChild(r));
    return el("table", { id }, el("thead", null, tr), body);
  }

  /* text: indexes of the cells that are not numbers */
  function row(cells, cls, text) {
    const tr = el("tr", cls ? { class: cls } : null);
    cells.forEach((c, k) => {
      const td = el("td", (text || [0]).includes(k) ? null : { class: "n" });
      if (c && typeof c === "object") td.appendChild(c);
      else td.textContent = c;
      tr.appendChild(td);
    });
    return tr;
  }

  async function loadList(jk) {
    const items = [];
    for (let off = 0; ; off += 1000) {
      const page = await jk.api(`/api/v1/diagnoses?limit=1000&offset=${off}`);
      items.push(...page.items);
      if (!page.more) break;
    }
    return items;
  }

  function matches(m) {
    const f = filter.trim().toLowerCase();
    return !f || m.code.indexOf(f) >= 0 || m.name.toLowerCase().indexOf(f) >= 0;
  }

  function fillSelect(sel, jk) {
    sel.textContent = "";
    for (const m of list.filter(matches)) {
      sel.appendChild(el("option", { value: m.code, text: `${m.code} ${m.name} (${m.type})` }));
    }
    if (!sel.options.length) {
      sel.appendChild(el("option", { value: "", text: jk.t("dgNoMatch") }));
      return;
    }
    if (![...sel.options].some(o => o.value === chosen)) chosen = sel.options[0].value;
    sel.value = chosen;
  }

  function indicatorRows(doc, lang) {
    return doc.indicators.map(i => {
      const dec = decimals(i.unit);
      const name = el("span", { text: lang === "ja" ? i.name_ja : i.name_en, title: i.formula });
      const pct = i.percentile;
      const bar = el("span", { class: "bar", title: jk_pct(pct) });
      bar.style.width = (pct === null ? 0 : Math.max(1, pct)) + "px";
      const pc = el("span", null, bar, document.createTextNode(num(pct, 0, lang)));
      return row([name, num(i.value, dec, lang), i.unit, num(i.peer_median, dec, lang),
                  `${num(i.peer_q1, dec, lang)} – ${num(i.peer_q3, dec, lang)}`,
                  num(i.deviation, 1, lang), pc, num(i.potential, 0, lang),
                  String(i.peers_n)], null, [0, 2]);
    });
  }

  function jk_pct(p) { return p === null ? "" : p.toFixed(0) + " %"; }

  function measureRows(doc, lang) {
    const rows = (doc.measures || []).map((m, k) => row([
      String(k + 1), lang === "ja" ? m.name_ja : m.name_en,
      num(m.recovered_t, 0, lang), num(m.ghg_tco2e, 0, lang), num(m.final_disposal_t, 0, lang),
      num(m.cost_kyen, 0, lang), num(m.yen_per_tco2e, 0, lang)], null, [1]));
    const c = doc.combined;
    if (c) {
      const tr = row(["", I18N[lang].dgCombined, num(c.recovered_t, 0, lang), num(c.ghg_tco2e, 0, lang),
                      num(c.final_disposal_t, 0, lang), num(c.cost_kyen, 0, lang),
                      num(c.yen_per_tco2e, 0, lang)], "dg-combined", [1]);
      tr.style.fontWeight = "bold";
      rows.push(tr);
    }
    return rows;
  }

  async function draw(out, jk) {
    const lang = jk.lang();
    out.textContent = jk.t("loading");
    if (!chosen) { out.textContent = jk.t("dgNoMatch"); return; }
    let doc;
    try {
      doc = await jk.api(`/api/v1/diagnoses/${encodeURIComponent(chosen)}`);
    } catch (e) { out.textContent = ""; jk.status(e.message); return; }
    if (doc.muni_code !== chosen || jk.lang() !== lang) return; /* a newer choice is drawing */
    out.textContent = "";
    const t = jk.t;
    const report = el("a", { id: "dg-report", href: `/api/v1/diagnoses/${doc.muni_code}/report.html?lang=${lang}`,
                             target: "_blank", rel: "noopener", text: t("dgReport") });
    out.appendChild(el("h3", { text: `${doc.name} (${doc.muni_code})` }));
    const dl = el("p", { id: "dg-profile" });
    dl.textContent = `${t("dgPref")}: ${doc.prefecture} · ${t("dgFy")}: ${doc.fiscal_year} · ` +
      `${t("dgType")}: ${doc.peer_type} · ${t("dgGroup")}: ${doc.peer_group} · `;
    dl.appendChild(report);
    out.appendChild(dl);
    out.appendChild(el("h3", { text: t("dgIndicators") }));
    out.appendChild(table("dg-indicators", [t("dgIndicator"), t("dgValue"), t("dgUnit"), t("dgMedian"),
      t("dgRange"), t("dgDeviation"), t("dgPercentile"), t("dgPotential"), t("dgPeers")],
      indicatorRows(doc, lang)));
    out.appendChild(el("h3", { text: t("dgMeasures") }));
    out.appendChild(table("dg-measures", [t("dgRank"), t("dgMeasure"), t("dgRecovered"), t("dgGhg"),
      t("dgFd"), t("dgCost"), t("dgPerCo2")], measureRows(doc, lang)));
    out.appendChild(el("p", null, el("small", { text: t("dgNote") })));
  }

  async function show(root, jk) {
    root.textContent = jk.t("loading");
    try {
      if (!list) list = await loadList(jk);
    } catch (e) { root.textContent = ""; jk.status(e.message); return; }
    root.textContent = "";
    const search = el("input", { id: "dg-search", type: "search", placeholder: jk.t("dgSearch") });
    search.value = filter;
    const sel = el("select", { id: "dg-muni" });
    const out = el("div", { id: "dg-out" });
    root.appendChild(el("p", null,
      el("label", null, el("span", { text: jk.t("dgMuni") + " " }), search), document.createTextNode(" "),
      sel));
    root.appendChild(out);
    fillSelect(sel, jk);
    search.addEventListener("input", () => {
      const before = chosen;
      filter = search.value;
      fillSelect(sel, jk);
      if (sel.value && chosen !== before) draw(out, jk);
    });
    sel.addEventListener("change", () => { chosen = sel.value; draw(out, jk); });
    await draw(out, jk);
  }

  (window.JK_VIEWS = window.JK_VIEWS || []).push({
    view: "diagnosis", path: "/api/v1/diagnoses", i18n: I18N, show,
  });
})();
