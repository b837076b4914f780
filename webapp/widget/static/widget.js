/* PeerJobs search widget: a search box and results for one peer network, drawn inside a shadow
 * root so the host page's CSS cannot break it. Talks only to the origin it was loaded from, sends
 * no credentials or referrer, stores nothing, and builds every node with textContent.
 * Its words are English in _() and ngettext(); the server writes their Spanish into WORDS from
 * the catalog (webapp/widget/words.py). The language: data-lang, else the network's preset. */
(function () {
  "use strict";

  const doc = document;
  const ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/;
  const MARK = "data-peerjobs-widget";
  const FETCH = {credentials: "omit", referrerPolicy: "no-referrer", mode: "cors"};
  const WORDS = {};
  const FONT = 'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif';

  /* :host resets everything the page could push in (an important rule of the inner tree beats the
   * page's important rules); inside, page CSS cannot reach, so UA defaults hold. */
  const CSS = ":host{all:initial!important;display:block!important;visibility:visible!important;" +
    "box-sizing:border-box!important;max-width:100%!important;font:16px/1.5 " + FONT + "!important;" +
    "color:#1f2933!important;text-align:left!important}" +
    "*,::before,::after{box-sizing:border-box}[hidden]{display:none!important}" +
    ".box{--a:var(--pj-accent,#1d4ed8);position:relative;padding:16px;background:#fff;" +
    "border:1px solid #cbd2d9;border-radius:8px;overflow-wrap:anywhere}" +
    "h2{margin:0;font-size:1.25em;line-height:1.3}p{margin:0}.by,.m{color:#52606d}.by{font-size:.875em}" +
    "form,.more,.foot,.al{margin:12px 0 0}.row{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end}" +
    ".f{display:flex;flex-direction:column;flex:1 1 10em;min-width:0}label{margin:0 0 4px;font-weight:600}" +
    "input,select,button{display:block;margin:0;font:inherit;min-height:44px;border-radius:6px}" +
    "input,select{width:100%;padding:8px 10px;color:inherit;background:#fff;border:1px solid #52606d}" +
    ".ck{display:flex;align-items:center;gap:8px;min-height:44px;margin:0;font-weight:400}" +
    ".ck input{width:22px;height:22px;min-height:0;flex:none;accent-color:var(--a)}" +
    "button{padding:8px 16px;color:#fff;background:var(--a);border:2px solid var(--a);font-weight:600;cursor:pointer}" +
    ".alt{color:var(--a);background:#fff}.st{margin:16px 0 0;font-weight:600}" +
    "ul{list-style:none;margin:8px 0 0;padding:0}li{padding:12px 0;border-top:1px solid #e4e7eb}" +
    "a{color:var(--a);text-underline-offset:2px}.t{font-size:1.1em;font-weight:600}" +
    ".al{padding:12px 0 0;border-top:1px solid #e4e7eb}" +
    /* :focus for old browsers; where :focus-visible is known, a mouse click draws no ring */
    ":focus{outline:3px solid var(--a);outline-offset:2px}:focus:not(:focus-visible){outline:0}" +
    ".vh{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}";

  /** An element with attributes and either text or child nodes (never markup). */
  function el(tag, attrs, content) {
    const node = doc.createElement(tag);
    Object.keys(attrs || {}).forEach((name) => node.setAttribute(name, attrs[name]));
    if (typeof content === "string") node.textContent = content;
    else node.append(...(content || []));
    return node;
  }

  /** A labelled form field: [wrapper, control]. */
  function field(id, text, control) {
    control.id = id;
    return [el("div", {class: "f"}, [el("label", {for: id}, text), control]), control];
  }

  /** The widget's words in `lang` ("en" or one WORDS holds): w._(text, values), w.ngettext(one,
   * many, count, values); %(name)s takes values[name], and %(num)s the count, as Babel writes it. */
  function words(lang) {
    const table = WORDS[lang] || {};
    const numbers = new Intl.NumberFormat((WORDS[lang] ? lang : "en") + "-US");
    const fill = (text, values) => text.replace(/%\((\w+)\)s/g, (all, name) =>
      values && name in values ? String(values[name]) : all);
    return {
      lang: WORDS[lang] ? lang : "en",
      number: (value) => numbers.format(value),
      _: (text, values) => fill(typeof table[text] === "string" ? table[text] : text, values),
      ngettext: (one, many, count, values) => {
        const forms = Array.isArray(table[one]) ? table[one] : [one, many];
        return fill(forms[count === 1 ? 0 : 1], Object.assign({num: numbers.format(count)}, values));
      },
    };
  }

  function newTabLink(w, href, text, attrs) {
    return el("a", Object.assign({href, target: "_blank", rel: "noopener noreferrer"}, attrs),
      [text, el("span", {class: "vh"}, w._(" (opens in a new tab)"))]);
  }

  /** The API error's message and details, or the fallback when the answer has none. */
  function errorWords(body, fallback) {
    const error = (body && body.error) || {};
    return error.message ? [error.message].concat(error.details || []).join(" ") : fallback;
  }

  const blocked = (w) => w._("Jobs could not be loaded here. PeerJobs shares a network's jobs only with the " +
    "sites on its list; if you run this site, ask for %(site)s to be added.", {site: location.origin});
  const unavailable = (w) => w._("Jobs could not be loaded just now. Please try again in a moment.");

  /** The script element this run belongs to; several widgets on a page each take their own. */
  function findScript() {
    const current = doc.currentScript;
    if (current && !current.hasAttribute(MARK)) return current;
    const scripts = doc.querySelectorAll("script[data-network]:not([" + MARK + "])");
    return scripts[scripts.length - 1];
  }

  /** The page's element for this widget: data-target, else an unused #peerjobs-widget. */
  function pageTarget(script) {
    const named = script.getAttribute("data-target");
    const preset = doc.getElementById("peerjobs-widget");
    return (named && doc.getElementById(named)) || (preset && !preset.hasAttribute(MARK) ? preset : null);
  }

  /** The page's element, else a new box right before the script (in the body when it sits in head).
   * Important inline styles keep it shown even under page rules like "div{display:none!important}". */
  function findTarget(script) {
    let target = pageTarget(script);
    const parent = script.parentNode;
    if (!target) {
      target = el("div");
      if (parent && parent !== doc.head) parent.insertBefore(target, script);
      else doc.body.append(target);
    }
    target.style.setProperty("display", "block", "important");
    target.style.setProperty("visibility", "visible", "important");
    target.setAttribute(MARK, "");
    return target;
  }

  /** A constructed stylesheet passes a CSP without 'unsafe-inline'; old browsers get <style>. */
  function addStyles(root) {
    if (!root.adoptedStyleSheets || !CSSStyleSheet.prototype.replaceSync) return root.append(el("style", {}, CSS));
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  }

  /** Inside /embed: tell the parent page the frame's content height, at start and on each change. */
  function reportHeight(host) {
    let last = -1;
    const post = () => {
      const height = Math.ceil(doc.documentElement.getBoundingClientRect().height);
      if (height !== last) parent.postMessage({type: "peerjobs:height", height: (last = height)}, "*");
    };
    if (window.ResizeObserver) new ResizeObserver(post).observe(host);
    /* Chromium pauses rendering (and so ResizeObserver) in off-screen frames from other sites;
     * DOM changes still run, and measuring forces the layout, so the frame is sized before it shows. */
    new MutationObserver(post).observe(host.shadowRoot, {childList: true, subtree: true, attributes: true});
    post();
  }

  /** Fetches to the PeerJobs origin only; resolves {status, body}; rejects on network errors. */
  function requester(base, w) {
    const url = (path) => {
      const resolved = new URL(path || "/", base);
      return resolved.origin === base ? resolved.href : base + "/";
    };
    const send = (path, options) => fetch(url(path), Object.assign({}, FETCH, options, {headers: Object.assign(
      {"Accept-Language": w.lang}, options.headers)})).then((response) =>
      response.json().catch(() => null).then((body) => ({status: response.status, body})));
    return {
      url,
      get: (path, signal) => send(path, {signal}),
      post: (path, data) => send(path, {method: "POST", body: JSON.stringify(data),
        headers: {"Content-Type": "application/json"}}),
    };
  }

  /** One widget: a box in a shadow root, then the network's presets, then its search. */
  function start(script, target) {
    const networkId = script.getAttribute("data-network") || "";
    const named = script.getAttribute("data-lang");
    const asked = WORDS[named] || named === "en" ? named : "";
    const first = words(asked || "en");
    const host = target.appendChild(el("div", {lang: first.lang}));
    const root = host.attachShadow({mode: "open"});
    addStyles(root);
    const heading = el("h2", {}, first._("Peer-support jobs"));
    const box = root.appendChild(el("div", {class: "box"}, [heading]));
    const say = (text) => box.append(el("p", {class: "st", role: "status"}, text));
    if (script.hasAttribute("data-embed") && parent !== window) reportHeight(host);
    if (!ID_PATTERN.test(networkId)) {
      return say(first._("This widget's network id “%(id)s” is not valid: network ids are lower-case " +
        "letters, digits and hyphens. Copy the snippet again from PeerJobs.", {id: networkId}));
    }
    const base = new URL(script.src || location.href, location.href).origin;
    const path = "/api/v1/networks/" + networkId;
    requester(base, first).get(path + (asked ? "?lang=" + asked : "")).then((answer) => {
      if (answer.status !== 200 || !answer.body) return say(errorWords(answer.body, unavailable(first)));
      const w = words(answer.body.language || first.lang);
      host.setAttribute("lang", w.lang);
      heading.textContent = w._("Peer-support jobs");
      render(w, box, host, requester(base, w), path, answer.body);
    }, () => say(blocked(first)));
  }

  /** The heading line, search form, results and sign-up for a network; then its preset search. */
  function render(w, box, host, api, path, network) {
    if (/^#[0-9a-f]{3,8}$/i.test(network.accent)) host.style.setProperty("--pj-accent", network.accent, "important");
    const form = searchForm(w, network, network.filters || {});
    const status = el("p", {class: "st", role: "status", "aria-live": "polite"});
    const list = el("ul", {"aria-label": w._("Jobs")});
    const more = el("button", {type: "button", class: "alt", hidden: ""}, w._("More results"));
    const footLink = newTabLink(w, api.url(network.links && network.links.site), w._("See all these jobs on PeerJobs"));
    box.append(el("p", {class: "by"}, w._("for %(network)s, from PeerJobs", {network: network.name})), form.node,
      status, list, el("p", {class: "more"}, [more]), el("p", {class: "foot"}, [footLink]));
    const results = resultsView({w, api, path, status, list, more, footLink});
    form.node.addEventListener("submit", (event) => {
      event.preventDefault();
      results.search(form.values());
    });
    more.addEventListener("click", results.more);
    if (network.show_alerts) box.append(alertSignup(w, api, path, results.current));
    results.search(form.values());
  }

  /** What and where, and (when the network shows filters) its roles and "remote only". */
  function searchForm(w, network, filters) {
    const [what, q] = field("pj-q", w._("What"), el("input", {type: "text", name: "q", autocomplete: "off"}));
    const [where, place] = field("pj-where", w._("Where"), el("input", {type: "text", name: "where"}));
    place.value = filters.where || "";
    const row = el("div", {class: "row"}, [what, where]);
    const role = network.show_filters && roleSelect(w, network.categories || [], filters.categories || []);
    const remote = el("input", {type: "checkbox", id: "pj-remote", name: "remote"});
    remote.checked = Boolean(filters.remote);
    if (role) {
      row.append(field("pj-role", w._("Role"), role)[0],
        el("label", {class: "ck", for: "pj-remote"}, [remote, w._("Remote only")]));
    }
    row.append(el("button", {type: "submit"}, w._("Search")));
    const values = () => ({
      q: q.value.trim(), where: place.value.trim(), radius: filters.radius,
      category: role ? [role.value].filter(Boolean) : filters.categories || [], remote: remote.checked, lang: w.lang,
    });
    return {node: el("form", {role: "search", "aria-label": w._("Search peer-support jobs")}, [row]), values};
  }

  /** "Any role" plus the network's roles; preset when the network names exactly one. */
  function roleSelect(w, categories, preset) {
    const select = el("select", {name: "category"}, [el("option", {value: ""}, w._("Any role"))].concat(
      categories.map((category) => el("option", {value: category.id}, category.label))));
    if (preset.length === 1) select.value = preset[0];
    return select;
  }

  /** A search as the jobs endpoint reads it. */
  function queryString(search) {
    const params = new URLSearchParams({q: search.q, where: search.where, remote: search.remote, lang: search.lang});
    if (search.radius) params.set("radius", search.radius);
    search.category.forEach((category) => params.append("category", category));
    return "?" + params;
  }

  /** Results: searching replaces the list, "More results" appends; only the newest search counts. */
  function resultsView({w, api, path, status, list, more, footLink}) {
    let ctrl = null;
    let current = null;
    let next = null;
    let total = 0;

    function search(values) {
      if (ctrl) ctrl.abort();
      const mine = ctrl = new AbortController();
      current = values;
      status.textContent = w._("Searching…");
      more.hidden = true;
      load(path + "/jobs" + queryString(values), mine, (answer) => {
        list.textContent = "";
        total = answer.total || 0;
        status.textContent = (total ? w.ngettext("%(num)s job found", "%(num)s jobs found", total) :
          w._("No jobs found. Try fewer words or a wider area.")) + (answer.notice ? " " + answer.notice : "");
        showPage(answer);
      });
    }

    function loadMore() {
      const mine = ctrl;
      more.disabled = true;
      status.textContent = w._("Loading more jobs…");
      load(next, mine, (answer) => {
        const [first] = showPage(answer);
        if (first) first.focus();
        status.textContent = w.ngettext("Showing %(shown)s of %(num)s job", "Showing %(shown)s of %(num)s jobs", total,
          {shown: w.number(list.children.length)});
      });
    }

    /** Fetch a page; drop the answer when a newer search has started since. */
    function load(url, mine, onPage) {
      const fail = (text) => {
        if (mine === ctrl) status.textContent = text;
        more.disabled = false;
      };
      api.get(url, mine.signal).then((answer) => {
        if (mine !== ctrl) return;
        if (answer.status === 200 && answer.body && Array.isArray(answer.body.jobs)) onPage(answer.body);
        else fail(errorWords(answer.body, unavailable(w)));
      }, (error) => error.name === "AbortError" || fail(blocked(w)));
    }

    /** Appends the page's jobs; returns their title links. */
    function showPage(answer) {
      const links = answer.jobs.map((job) => {
        const link = newTabLink(w, api.url(job.url), String(job.title || w._("Untitled job")), {class: "t"});
        list.append(el("li", {}, [el("p", {}, [link])].concat(jobLines(job))));
        return link;
      });
      next = (answer.links || {}).next;
      more.hidden = !next;
      more.disabled = false;
      if (answer.links && answer.links.html) footLink.href = api.url(answer.links.html);
      return links;
    }

    return {search, more: loadMore, current: () => current};
  }

  /** Employer, place, pay and posted date, each on its own line when known. */
  function jobLines(job) {
    return [["employer"], ["place", "m"], ["pay"], ["posted", "m"]].filter(([name]) => job[name])
      .map(([name, muted]) => el("p", muted ? {class: muted} : {}, String(job[name])));
  }

  /** "Email me new jobs like these": a small double opt-in form for the search on show. */
  function alertSignup(w, api, path, currentSearch) {
    const toggle = el("button", {type: "button", class: "alt", "aria-expanded": "false", "aria-controls": "pj-alert"},
      w._("Email me new jobs like these"));
    const [emailField, email] = field("pj-email", w._("Email address"),
      el("input", {type: "email", name: "email", autocomplete: "email", required: ""}));
    const [oftenField, often] = field("pj-often", w._("How often"), el("select", {name: "frequency"}, [
      el("option", {value: "instant"}, w._("Instantly")), el("option", {value: "daily", selected: ""}, w._("Daily")),
      el("option", {value: "weekly"}, w._("Weekly"))]));
    const send = el("button", {type: "submit"}, w._("Send confirmation email"));
    const message = el("p", {class: "st", role: "status", tabindex: "-1"});
    const form = el("form", {id: "pj-alert", "aria-label": w._("Email alert"), hidden: ""},
      [el("div", {class: "row"}, [emailField, oftenField, send]), message]);
    toggle.addEventListener("click", () => {
      form.hidden = !form.hidden;
      toggle.setAttribute("aria-expanded", !form.hidden);
      if (!form.hidden) email.focus();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const {lang, ...search} = currentSearch();
      subscribe(w, api, path, {email: email.value.trim(), frequency: often.value, search, language: w.lang},
        send, message);
    });
    return el("div", {class: "al"}, [toggle, form]);
  }

  /** POST the sign-up; the outcome, in words, takes the focus. */
  function subscribe(w, api, path, body, send, message) {
    const tell = (text) => {
      message.textContent = text;
      message.focus();
      send.disabled = false;
    };
    send.disabled = true;
    message.textContent = w._("Sending…");
    api.post(path + "/alerts", body).then((answer) => tell(
      answer.status === 202 ? w._("Check your inbox: we sent a link to confirm this alert.") :
        answer.status === 429 ? w._("Too many sign-ups from here. Please try again later.") :
          errorWords(answer.body, w._("The sign-up could not be sent just now. Please try again later."))),
    () => tell(w._("The sign-up could not be sent just now. Please check your connection and try again.")));
  }

  /* Mark the script now (so the next widget on the page finds its own); draw once there is a place. */
  const script = findScript();
  if (script) {
    script.setAttribute(MARK, "");
    const go = () => start(script, findTarget(script));
    if (doc.readyState === "loading" && !pageTarget(script)) doc.addEventListener("DOMContentLoaded", go);
    else go();
  }
})();
