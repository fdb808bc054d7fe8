/**
 * The attribute form's state, part of the editing store: the fields generated from the collection's published
 * schema, the inputs' text, and the messages: the compiled schema's (shown once a field was touched or a save
 * was tried, in the UI language) and the server's 422 field errors (until the field is changed; in the UI
 * language where the server names the problem's kind).
 */
import { computed, ref, shallowRef } from 'vue';
import { readSchema, type PublishedSchema } from '../api/editing';
import type { CollectionInfo } from '../api/collections';
import { i18n, currentLocale } from '../i18n';
import { formFields, formValuesOf, propertiesFromForm, type FormField, type FormValues } from '../lib/editing/schema-form';
import type { FieldProblem } from '../api/http';
import { formFieldOf, serverFieldMessages, validateProperties, type MessageTranslator, type Validator } from '../lib/editing/validation';

const t = (key: string, params: Record<string, unknown> = {}) => i18n.global.t(key, params);

/** The form's messages' translator, in the current UI language. */
export function uiTranslator(): MessageTranslator {
  return { locale: currentLocale(), t };
}

/** Creates the form state; call inside the editing store's setup. */
export function createEditForm(collectionById: (id: string) => CollectionInfo | undefined) {
  const fields = shallowRef<FormField[]>([]);
  const values = ref<FormValues>({});
  const touched = ref<Set<string>>(new Set());
  const submitted = ref(false);
  const serverProblems = ref<FieldProblem[]>([]);
  const validator = shallowRef<Validator | null>(null);
  const schemas = new Map<string, Promise<PublishedSchema>>();
  /** The collection whose fields and validator are loaded. */
  const loadedFor = ref<string | null>(null);

  const properties = computed(() => propertiesFromForm(fields.value, values.value));
  const fieldErrors = computed(() => {
    void i18n.global.locale.value; // messages follow the UI language
    const tr = uiTranslator();
    const groups = loadedFor.value ? collectionById(loadedFor.value)?.requireOneOf : undefined;
    const client = validator.value ? validateProperties(validator.value, fields.value, properties.value, tr, groups) : {};
    const shown: Record<string, string> = serverFieldMessages(serverProblems.value, fields.value, tr);
    for (const [name, text] of Object.entries(client)) if (submitted.value || touched.value.has(name)) shown[name] = text;
    return shown;
  });

  /** Loads a collection's published schema (once) and its compiled validator (a chunk of its own). */
  async function prepare(id: string): Promise<void> {
    const c = collectionById(id);
    if (!c) throw new Error(`Unknown collection ${id}`);
    if (!schemas.has(id)) schemas.set(id, readSchema(id));
    const { loaders } = await import('virtual:feature-validators');
    const [schema, module] = await Promise.all([schemas.get(id)!, loaders[id]()]);
    fields.value = formFields(schema, c);
    validator.value = module.default;
    loadedFor.value = id;
  }

  /** Fills the inputs from properties; `touchedNames` show their messages at once (values a tool set). */
  function reset(props: Record<string, unknown>, touchedNames: string[] = []): void {
    values.value = formValuesOf(fields.value, props);
    touched.value = new Set(touchedNames);
    submitted.value = false;
    serverProblems.value = [];
  }

  /** Sets inputs' text without touching the others (a camera's heading while it is aimed). */
  function assign(texts: Record<string, string>): void {
    values.value = { ...values.value, ...texts };
    for (const name of Object.keys(texts)) touched.value.add(name);
  }

  /** An input changed by the user: its server error is dropped, its schema message shown from now on. */
  function setValue(name: string, value: string): void {
    assign({ [name]: value });
    serverProblems.value = serverProblems.value.filter((p) => formFieldOf(p.field, fields.value) !== name);
  }

  return {
    fields, values, submitted, serverProblems, properties, fieldErrors,
    loadedFor: () => loadedFor.value, prepare, reset, assign, setValue,
  };
}
