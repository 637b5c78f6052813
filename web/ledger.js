/* junkan page: the passport view (the ledger module). A passport is
 * looked up by ID (#passport-id, Enter or change) or opened from a
 * QR-code link /p/ID; it shows the attributes the viewer's role may
 * read (GET /api/v1/passports/{id}) and says how many it may not. */
"use strict";

(function () {
  const I18N = {
    ja: {
      pp_key: "属性", pp_value: "値", pp_unit: "単位", pp_access: "アクセス区分",
      pp_version: "版", pp_lot: "ロット", pp_issuer: "発行者", pp_entry: "台帳エントリ",
      pp_superseded: "（新しい版があります）", pp_untp: "UNTP形式（包含証明付き）",
      pp_role: "閲覧者の権限", pp_none: "閲覧できる属性はありません",
      pp_all: "この権限ですべての属性が表示されています。",
      pp_hidden_legit: "件の属性は正当な利益を有する者（リサイクル業者、修理業者など）向けで表示されません",
      pp_hidden_auth: "件の属性は当局（認証機関、市場監視当局）向けで表示されません",
      pp_hint: "会員・監査のトークンを入力すると、権限に応じてさらに表示されます。",
      acc_public: "公開", acc_legit_interest: "正当な利益", acc_authority: "当局",
      role_public: "一般（トークンなし）", role_member: "会員", role_auditor: "監査", role_admin: "管理者",
    },
    en: {
      pp_key: "Attribute", pp_value: "Value", pp_unit: "Unit", pp_access: "Access class",
      pp_version: "Version", pp_lot: "Lot", pp_issuer: "Issuer", pp_entry: "Ledger entry",
      pp_superseded: " (a newer version exists)", pp_untp: "As a UNTP passport (with inclusion proofs)",
      pp_role: "Viewer's role", pp_none: "No attributes this role may read",
      pp_all: "This role sees every attribute.",
      pp_hidden_legit: " attribute(s) for holders of a legitimate interest (recyclers, repairers, ...) are not shown",
      pp_hidden_auth: " attribute(s) for authorities (notified bodies, market surveillance) are not shown",
      pp_hint: "A member's or an auditor's token shows more, by role.",
      acc_public: "public", acc_legit_interest: "legitimate interest", acc_authority: "authority",
      role_public: "public (no token)", role_member: "member", role_auditor: "auditor", role_admin: "admin",
    },
  };

  let jk = null;   /* the page's helpers, from the first show() */
  let seq = 0;     /* the latest lookup wins */

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function render(out, p) {
    const t = jk.t;
    out.textContent = "";
    const head = el("p");
    head.id = "passport-head";
    head.appendChild(el("strong", p.id));
    head.appendChild(document.createTextNode(
      ` — ${t("pp_version")} ${p.version}${p.superseded ? t("pp_superseded") : ""}, ` +
      `${t("pp_lot")} ${p.upi}, ${t("pp_issuer")} ${p.issuer}, ${t("pp_entry")} ${p.issued_by_entry}`));
    out.appendChild(head);

    const role = el("p");
    role.id = "passport-role";
    role.textContent = `${t("pp_role")}: ${t("role_" + p.viewer.role)} → ${t("acc_" + p.viewer.access)}`;
    out.appendChild(role);

    const table = el("table");
    table.id = "passport-attrs";
    const hr = el("tr");
    for (const k of ["pp_key", "pp_value", "pp_unit", "pp_access"]) hr.appendChild(el("th", t(k)));
    table.appendChild(el("thead")).appendChild(hr);
    const body = table.appendChild(el("tbody"));
    for (const a of p.attributes) {
      const tr = el("tr");
      tr.dataset.access = a.access;
      tr.appendChild(el("td", a.key));
      tr.appendChild(el("td", a.value));
      tr.appendChild(el("td", a.unit));
      tr.appendChild(el("td", t("acc_" + a.access)));
      body.appendChild(tr);
    }
    if (!p.attributes.length) {
      const tr = el("tr"), td = el("td", t("pp_none"));
      td.colSpan = 4;
      tr.appendChild(td);
      body.appendChild(tr);
    }
    out.appendChild(table);

    /* What this role may not see: only how many, never the keys. */
    const note = el("p");
    note.id = "passport-withheld";
    const parts = [];
    if (p.withheld.legit_interest) parts.push(p.withheld.legit_interest + t("pp_hidden_legit"));
    if (p.withheld.authority) parts.push(p.withheld.authority + t("pp_hidden_auth"));
    note.textContent = parts.length ? parts.join(jk.lang() === "ja" ? "。" : "; ") +
      (jk.lang() === "ja" ? "。" : ". ") + t("pp_hint") : t("pp_all");
    out.appendChild(note);

    const link = el("a", t("pp_untp"));
    link.href = p.untp;
    link.id = "passport-untp";
    out.appendChild(el("p")).appendChild(link);
  }

  async function lookup() {
    const out = document.getElementById("passport-out");
    const id = document.getElementById("passport-id").value.trim();
    const mine = ++seq;
    jk.status("");
    if (!id) { out.textContent = ""; return; }
    out.textContent = jk.t("loading");
    try {
      const p = await jk.api("/api/v1/passports/" + encodeURIComponent(id));
      if (mine === seq) render(out, p);
    } catch (e) {
      if (mine === seq) { out.textContent = ""; jk.status(e.message); }
    }
  }

  let bound = false;
  window.JK_VIEWS = window.JK_VIEWS || [];
  window.JK_VIEWS.push({
    view: "passport",
    path: "/api/v1/passports/{id}",
    i18n: I18N,
    show: (out, JK) => {
      jk = JK;
      if (!bound) {
        const input = document.getElementById("passport-id");
        input.addEventListener("change", lookup);
        input.addEventListener("keydown", e => { if (e.key === "Enter") { e.preventDefault(); lookup(); } });
        bound = true;
      }
      lookup();
    },
  });
})();
