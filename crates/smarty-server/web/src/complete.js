// Completion from this server only (the editor's defaults ask prefix.cc and LOV on the internet):
// the prefixes the server declares, and the classes, properties and things of this store.
let registered = false;

export function registerCompleters(Yasqe, vocabulary) {
  const list = document.getElementById("vocabulary-terms") || document.createElement("datalist");
  list.id = "vocabulary-terms";
  list.replaceChildren(...vocabulary.terms.map((t) => Object.assign(document.createElement("option"), { value: t })));
  document.body.append(list);
  if (registered) return;
  registered = true;
  const prefixes = Object.entries(vocabulary.prefixes).map(([p, ns]) => `${p}: <${ns}>`).sort();
  const terms = vocabulary.terms;
  Yasqe.forkAutocompleter("prefixes", { name: "smartyPrefixes", persistenceId: null, get: () => prefixes }, false);
  // Terms are matched as typed (prefixed names, or <IRI>), so nothing is expanded or rewritten.
  const asTyped = {
    bulk: true,
    persistenceId: null,
    get: () => terms,
    preProcessToken: (_yasqe, token) => Object.assign(token, { autocompletionString: token.string.trim() }),
    postProcessSuggestion: (_yasqe, _token, suggestion) => suggestion,
  };
  Yasqe.forkAutocompleter("property", { ...asTyped, name: "smartyProperties" }, false);
  Yasqe.forkAutocompleter("class", { ...asTyped, name: "smartyClasses" }, false);
}
