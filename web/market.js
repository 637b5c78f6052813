/* junkan web page: the market's view, the gap report per material and
 * grade (GET /api/v1/market/gap) as a table and as the server's SVG chart.
 * Aggregated: no listing is named. Plain JS, no build step. */
"use strict";

(function () {
  const REASONS = {
    ja: { "no-candidate": "相手なし", material: "品目不適合", grade: "品質不適合",
          permit: "許可なし", excluded: "取引除外", visibility: "非公開",
          validity: "有効期間外", rejected: "拒否済み", agreed: "契約済み",
          price: "価格が合わない", quantity: "数量不足", lot: "最小ロット", distance: "距離" },
    en: { "no-candidate": "no counterpart", material: "material", grade: "grade",
          permit: "permit", excluded: "excluded", visibility: "not public",
          validity: "validity", rejected: "rejected", agreed: "already agreed",
          price: "price", quantity: "quantity", lot: "minimum lot", distance: "distance" },
  };
  const FATES = {
    ja: { incineration: "焼却", landfill: "埋立", export: "輸出", recycling: "リサイクル", unknown: "不明" },
    en: { incineration: "incineration", landfill: "landfill", export: "export", recycling: "recycling", unknown: "unknown" },
  };
  let names = null; /* material code -> {ja, en} */

  async function materialNames(jk) {
    if (names) return names;
    names = {};
    try {
      const doc = await jk.api("/api/v1/materials?limit=1000");
      for (const m of doc.items) names[m.code] = { ja: m.name_ja, en: m.name_en };
    } catch (e) { /* codes only */ }
    return names;
  }

  function cell(tr, text, num) {
    const td = document.createElement("td");
    if (num) td.className = "n";
    td.textContent = text;
    tr.appendChild(td);
    return td;
  }

  function tonnes(v) {
    const x = Number(v);
    return isFinite(x) ? x.toLocaleString(undefined, { maximumFractionDigits: 1 }) : v;
  }

  window.JK_VIEWS = window.JK_VIEWS || [];
  window.JK_VIEWS.push({
    view: "market",
    path: "/api/v1/market/gap",
    i18n: {
      ja: { mkt_title: "需給ギャップ（品目・等級別、t/年）", mkt_material: "品目", mkt_grade: "等級",
            mkt_supply: "供給", mkt_matched: "成約", mkt_unplaced: "行き先なし", mkt_goes: "現在の行き先",
            mkt_demand: "需要", mkt_met: "充足", mkt_unmet: "不足", mkt_why_s: "供給側の主な理由",
            mkt_why_d: "需要側の主な理由", mkt_chart: "ギャップの図",
            mkt_note: "公開・自組織の出品のみから集計（出品者は示しません）" },
      en: { mkt_title: "Supply-demand gap (by material and grade, t a year)", mkt_material: "Material",
            mkt_grade: "Grade", mkt_supply: "Supply", mkt_matched: "Matched", mkt_unplaced: "Unplaced",
            mkt_goes: "Goes today to", mkt_demand: "Demand", mkt_met: "Met", mkt_unmet: "Unmet",
            mkt_why_s: "Main reason (supply)", mkt_why_d: "Main reason (demand)", mkt_chart: "Gap chart",
            mkt_note: "From the listings you may see (published and your own); no listing is named" },
    },
    show: async (el, jk) => {
      const lang = jk.lang();
      el.textContent = jk.t("loading");
      let doc, svg;
      try {
        [doc, svg] = await Promise.all([jk.api("/api/v1/market/gap"),
                                        jk.api("/api/v1/market/gap?format=svg", true)]);
      } catch (e) { el.textContent = ""; jk.status(e.message); return; }
      const nm = await materialNames(jk);
      el.textContent = "";
      const h = document.createElement("h3");
      h.textContent = jk.t("mkt_title");
      el.appendChild(h);
      const note = document.createElement("p");
      note.className = "note";
      note.textContent = jk.t("mkt_note");
      el.appendChild(note);
      if (!doc.gap.length) { el.appendChild(document.createTextNode(jk.t("none"))); return; }
      const table = document.createElement("table");
      table.id = "market-gap";
      const head = document.createElement("tr");
      for (const k of ["mkt_material", "mkt_grade", "mkt_supply", "mkt_matched", "mkt_unplaced", "mkt_goes",
                       "mkt_demand", "mkt_met", "mkt_unmet", "mkt_why_s", "mkt_why_d"]) {
        const th = document.createElement("th");
        th.textContent = jk.t(k);
        head.appendChild(th);
      }
      table.createTHead().appendChild(head);
      const body = table.createTBody();
      const reason = c => (c ? (REASONS[lang][c] || c) : "–");
      for (const g of doc.gap) {
        const tr = document.createElement("tr");
        const name = nm[g.material] ? nm[g.material][lang] : "";
        const mat = cell(tr, name || g.material);
        mat.title = g.material;
        cell(tr, g.grade || "–");
        cell(tr, tonnes(g.supply_t), true);
        cell(tr, tonnes(g.matched_supply_t), true);
        cell(tr, tonnes(g.unplaced_t), true);
        const goes = Object.entries(g.unplaced_goes_to || {})
          .filter(([, v]) => Number(v) > 0)
          .map(([k, v]) => (FATES[lang][k] || k) + " " + tonnes(v));
        cell(tr, goes.join(", ") || "–");
        cell(tr, tonnes(g.demand_t), true);
        cell(tr, tonnes(g.met_t), true);
        cell(tr, tonnes(g.unmet_t), true);
        cell(tr, reason(g.unplaced_reason));
        cell(tr, reason(g.unmet_reason));
        body.appendChild(tr);
      }
      el.appendChild(table);
      const h2 = document.createElement("h3");
      h2.textContent = jk.t("mkt_chart");
      el.appendChild(h2);
      const fig = document.createElement("div");
      fig.id = "market-chart";
      fig.className = "figure";
      fig.setAttribute("role", "img");
      fig.innerHTML = svg; /* the server's SVG (its texts are escaped) */
      el.appendChild(fig);
    },
  });
})();
