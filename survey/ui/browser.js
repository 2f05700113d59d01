
// Streamlit's own texts in the page's language (survey.texts.i18n.STREAMLIT_TEXTS): written in as they appear, in
// Streamlit's elements only; the app's own texts (markdown, captions, labels, options, tables) are left alone.
const OWN = '[data-testid="stMarkdownContainer"], [data-testid="stText"], [data-testid="stCaptionContainer"], '
    + '[data-testid="stWidgetLabel"], [role="option"][aria-selected], [data-baseweb="tag"], '
    + '[data-testid="stVegaLiteChart"] svg';  // an option without aria-selected is the list's own "No results"
const THEIRS = '[data-testid="stFileUploaderDropzone"]';  // Streamlit's own, though drawn as markdown
const LABELS = ["aria-label", "title", "placeholder"];

function rewrite(value, whole, patterns) {
    if (Object.hasOwn(whole, value)) return whole[value];
    for (const [found, into] of patterns) {
        if (found.test(value)) return value.replace(found, into);
    }
    return value;
}

function compiled(table) {
    const patterns = (list) => list.map(([pattern, into]) => [new RegExp(pattern), into]);
    return {...table, text_patterns: patterns(table.text_patterns), label_patterns: patterns(table.label_patterns)};
}

function translate(root, table) {
    if (root.nodeType === Node.TEXT_NODE) {
        const parent = root.parentElement, text = root.data.trim();
        if (text && parent && (!parent.closest(OWN) || parent.closest(THEIRS))) {
            const into = rewrite(text, table.texts, table.text_patterns);
            if (into !== text) root.data = into;
        }
        return;
    }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    for (const element of [root, ...root.querySelectorAll("[aria-label], [title], [placeholder]")]) {
        for (const name of LABELS) {
            const value = element.getAttribute(name);
            if (value) {
                const into = rewrite(value, table.labels, table.label_patterns);
                if (into !== value) element.setAttribute(name, into);
            }
        }
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) translate(walker.currentNode, table);
}

function watch(table, lang) {
    const changed = window.surveyTextsLang !== lang;
    if (changed) window.surveyTexts = compiled(table);
    window.surveyTextsLang = lang;
    if (!window.surveyTextsWatch) {
        window.surveyTextsWatch = new MutationObserver((changes) => {
            for (const change of changes) {
                if (change.type !== "childList") translate(change.target, window.surveyTexts);
                for (const added of change.addedNodes) translate(added, window.surveyTexts);
            }
        });
        window.surveyTextsWatch.observe(document.body, {subtree: true, childList: true, characterData: true,
                                                        attributes: true, attributeFilter: LABELS});
    }
    if (changed) translate(document.body, window.surveyTexts);  // what is on the page already, in the new language
}

export default function({ data, setTriggerValue }) {
    document.documentElement.lang = data.lang;
    watch(data.streamlit_texts, data.lang);
    // The address the page was loaded from, which the app's own changes to the address do not touch.
    const loaded = performance.getEntriesByType("navigation")[0];
    const query = new URL(loaded ? loaded.name : window.location.href).search.slice(1);
    const fields = query ? query.split("&").length : 0;
    if (!data.reported && (fields > data.most_fields || query.length > data.most_characters)) {
        setTriggerValue("too_long", fields);
    }
    // A share link carries the client in the address's fragment, which no server receives (and so no log):
    // handed to the session once, then taken out of the address bar; also when a link is opened in a tab that
    // shows its page already (only the fragment changes, so the page is not loaded again).
    window.surveyClientLink = () => {
        const fragment = window.location.hash.slice(1);
        const carried = new URLSearchParams(fragment);
        if (fragment && data.client_keys.some((key) => carried.has(key))) {
            setTriggerValue("client_link", fragment);
            history.replaceState(history.state, "", window.location.pathname + window.location.search);
        }
    };
    if (!window.surveyHashHeard) {
        window.surveyHashHeard = true;
        window.addEventListener("hashchange", () => window.surveyClientLink());
    }
    window.surveyClientLink();
}
