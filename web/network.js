/* The hub plan view (拠点計画): the served model's plan as a map, its
 * summary and open hubs, re-solved for a carbon price and a maximum
 * number of hubs. */
"use strict";
(window.JK_VIEWS = window.JK_VIEWS || []).push({
  view: "hubs",
  path: "/api/v1/network/plans",
  i18n: {
    ja: { carbon: "炭素価格（円/tCO2）", maxhubs: "拠点数の上限", solve: "計算",
          hub: "拠点", size: "規模", throughput: "取扱量（t）", cost: "費用",
          total: "総費用", co2: "CO2（t）", open: "開設拠点数", status: "状態" },
    en: { carbon: "Carbon price (yen/tCO2)", maxhubs: "Max hubs", solve: "Solve",
          hub: "Hub", size: "Size", throughput: "Throughput (t)", cost: "Cost",
          total: "Total cost", co2: "CO2 (t)", open: "Hubs open", status: "Status" },
  },
  show: async (el, jk) => {
    const t = jk.t;
    el.textContent = "";
    const form = document.createElement("form");
    form.id = "hubs-form";
    const inputs = {};
    for (const [key, label] of [["carbon_price", "carbon"], ["max_hubs", "maxhubs"]]) {
      const l = document.createElement("label");
      l.textContent = t(label) + " ";
      const i = document.createElement("input");
      i.id = "hubs-" + key;
      i.type = "number";
      i.min = "0";
      i.size = 8;
      inputs[key] = i;
      l.appendChild(i);
      form.appendChild(l);
      form.appendChild(document.createTextNode(" "));
    }
    const go = document.createElement("button");
    go.id = "hubs-solve";
    go.textContent = t("solve");
    form.appendChild(go);
    const summary = document.createElement("table");
    summary.id = "hubs-summary";
    const hubs = document.createElement("table");
    hubs.id = "hubs-table";
    const map = document.createElement("div");
    map.id = "hubs-map";
    map.className = "figure";
    el.append(form, summary, map, hubs);

    const row = (table, cells, head) => {
      const tr = document.createElement("tr");
      cells.forEach((c, k) => {
        const td = document.createElement(head ? "th" : "td");
        if (k > 0 && !head) td.className = "n";
        td.textContent = c;
        tr.appendChild(td);
      });
      table.appendChild(tr);
    };
    const solve = async () => {
      const q = new URLSearchParams();
      for (const [k, i] of Object.entries(inputs)) if (i.value !== "") q.set(k, i.value);
      summary.textContent = hubs.textContent = map.textContent = "";
      jk.status("");
      try {
        const plan = await jk.api("/api/v1/network/plans?" + q.toString());
        const s = plan.summary;
        row(summary, [t("status"), s.status]);
        row(summary, [t("open"), String(s.hubs_open)]);
        row(summary, [t("total"), Math.round(s.cost_total).toLocaleString()]);
        row(summary, [t("co2"), s.co2_t.toFixed(1)]);
        row(hubs, [t("hub"), t("size"), t("throughput"), t("cost")], true);
        for (const h of plan.hubs.filter(h => h.open))
          row(hubs, [h.id, h.size, h.throughput_t.toFixed(0), Math.round(h.cost).toLocaleString()]);
        q.set("format", "svg");
        q.set("lang", jk.lang());
        map.innerHTML = await jk.api("/api/v1/network/plans?" + q.toString(), true);
      } catch (e) { jk.status(e.message); }
    };
    form.addEventListener("submit", e => { e.preventDefault(); solve(); });
    await solve();
  },
});
