import { ApiProblem, UsageError } from "./errors.mjs";

/**
 * @typedef {{ url?: string, key?: string }} ConnectionOptions
 * @typedef {{ GATEHOUSE_URL?: string, GATEHOUSE_API_KEY?: string, [name: string]: string | undefined }} Env
 */

/**
 * The API as its OpenAPI document describes it (`npm run cli:api-types` regenerates the file): a
 * path it does not have, a missing path parameter or a wrong body is a type error here.
 * @typedef {import("./api-types.generated.js").paths} Paths
 * @typedef {"get" | "post" | "delete"} Method
 */
/**
 * The document's paths that answer `M`, e.g. "/api/v1/users/{id}/sessions".
 * @template {Method} M
 * @typedef {{ [P in keyof Paths]-?: Paths[P][M] extends { responses: unknown } ? P : never }[keyof Paths]} PathOf
 */
/**
 * @template {keyof Paths} P @template {Method} M
 * @typedef {Extract<Paths[P][M], { responses: unknown }>} Operation
 */
/**
 * The path parameters of an operation (`never` when it has none).
 * @template {keyof Paths} P @template {Method} M
 * @typedef {Operation<P, M>["parameters"]["path"]} PathParams
 */
/**
 * What a call takes: its path parameters (required when the path has any), its query, its JSON body.
 * @template {keyof Paths} P @template {Method} M
 * @typedef {(PathParams<P, M> extends Record<string, unknown> ? { params: PathParams<P, M> } : { params?: undefined }) & {
 *   query?: Operation<P, M>["parameters"]["query"],
 *   body?: Operation<P, M> extends { requestBody?: { content: { "application/json": infer B } } } ? B : never,
 * }} Input
 */
/**
 * A 200's JSON.
 * @template {keyof Paths} P @template {Method} M
 * @typedef {Operation<P, M>["responses"][200]["content"]["application/json"]} Answer
 */

/**
 * A path of the document with its `{name}` parameters filled in, each encoded as one segment.
 * @param {keyof Paths} template @param {{ [name: string]: unknown } | undefined} params
 */
export function pathTo(template, params) {
  return template.replace(/\{(\w+)\}/g, (_, name) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`${template}: no value for {${name}}`);
    return encodeURIComponent(String(value));
  });
}

/**
 * Where the API is and the key to use: --url / --key, else GATEHOUSE_URL / GATEHOUSE_API_KEY.
 * @param {ConnectionOptions} options @param {Env} env
 */
export function connection(options, env) {
  const url = options.url ?? env.GATEHOUSE_URL;
  const key = options.key ?? env.GATEHOUSE_API_KEY;
  if (!url) throw new UsageError("No console URL: set GATEHOUSE_URL or pass --url (e.g. http://localhost:3000).");
  if (!key) throw new UsageError("No API key: set GATEHOUSE_API_KEY or pass --key (create one at /settings/api-keys).");
  let base;
  try {
    base = new URL(url);
  } catch {
    throw new UsageError(`GATEHOUSE_URL / --url is not a URL: "${url}".`);
  }
  if (base.protocol !== "http:" && base.protocol !== "https:") throw new UsageError(`GATEHOUSE_URL / --url must be http(s): "${url}".`);
  return { url: base.origin + base.pathname.replace(/\/+$/, ""), key };
}

/** The management API over HTTP: JSON in, JSON out, problem+json as ApiProblem. */
export class ApiClient {
  /** @param {{ url: string, key: string }} target @param {typeof fetch} [fetchImpl] */
  constructor(target, fetchImpl = fetch) {
    this.url = target.url;
    this.key = target.key;
    this.fetch = fetchImpl;
    /** @type {AbortSignal | undefined} set by a command that runs until stopped: aborting it ends the request in flight */
    this.signal = undefined;
  }

  /**
   * @template {PathOf<"get">} P @param {P} path @param {Input<P, "get">} [input]
   * @returns {Promise<Answer<P, "get">>}
   */
  get(path, input) {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(input?.query ?? {})) if (value !== undefined && value !== "") search.set(name, String(value));
    const qs = search.toString();
    const target = pathTo(path, input?.params);
    return this.request("GET", qs ? `${target}?${qs}` : target);
  }

  /**
   * @template {PathOf<"post">} P @param {P} path @param {Input<P, "post">} input
   * @returns {Promise<Answer<P, "post">>}
   */
  post(path, input) {
    return this.request("POST", pathTo(path, input.params), input.body);
  }

  /**
   * @template {PathOf<"delete">} P @param {P} path @param {Input<P, "delete">} input
   * @returns {Promise<Answer<P, "delete">>}
   */
  delete(path, input) {
    return this.request("DELETE", pathTo(path, input.params), input.body);
  }

  /**
   * A GET whose body is not parsed: the Response, to stream (problems still throw).
   * @template {PathOf<"get">} P @param {P} path @param {Input<P, "get">} input
   */
  async stream(path, input) {
    const target = pathTo(path, input.params);
    const response = await this.send("GET", target);
    if (response.ok && response.body) return response;
    await this.answer(response, "GET", target);
    throw new ApiProblem({ status: response.status, title: "Unexpected answer", detail: `GET ${target} answered with no body.` });
  }

  /** @param {"GET" | "POST" | "DELETE"} method @param {string} path @param {unknown} [body] @returns {Promise<any>} */
  async request(method, path, body) {
    return this.answer(await this.send(method, path, body), method, path);
  }

  /** @param {"GET" | "POST" | "DELETE"} method @param {string} path @param {unknown} [body] */
  async send(method, path, body) {
    /** @type {Record<string, string>} */
    const headers = { accept: "application/json, application/problem+json", authorization: `Bearer ${this.key}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    let response;
    try {
      response = await this.fetch(`${this.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: this.signal });
    } catch (error) {
      const failure = /** @type {any} */ (error);
      const cause = failure?.cause?.code ?? failure?.cause?.errors?.[0]?.code ?? failure?.cause?.message ?? failure?.message ?? String(error);
      throw new ApiProblem({ status: 0, title: "Network error", detail: `could not reach ${this.url} (${cause}).` });
    }
    return response;
  }

  /** JSON from a response, or its problem+json as ApiProblem. @param {Response} response @param {string} method @param {string} path @returns {Promise<any>} */
  async answer(response, method, path) {
    const text = await response.text();
    let json;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = undefined;
    }
    if (response.ok && json !== undefined) return json;
    if (json && typeof json === "object" && typeof json.title === "string") {
      const retryAfter = response.headers.get("retry-after");
      const retryAfterSeconds = retryAfter ? Number(retryAfter) : NaN;
      throw new ApiProblem({
        status: response.status,
        ...(typeof json.type === "string" ? { type: json.type } : {}),
        title: json.title,
        detail: String(json.detail ?? ""),
        ...(Array.isArray(json.errors) ? { errors: json.errors } : {}),
        ...(retryAfterSeconds >= 0 ? { retryAfterSeconds } : {}),
      });
    }
    throw new ApiProblem({
      status: response.status,
      title: response.ok ? "Unexpected answer" : `HTTP ${response.status}`,
      detail: `${method} ${path} did not answer with JSON; is ${this.url} a Gatehouse console?`,
    });
  }
}

/** Where a user is: by email when the reference has an @, else by id. @param {string} ref */
export function userPath(ref) {
  return ref.includes("@") ? pathTo("/api/v1/emails/{email}/user", { email: ref }) : pathTo("/api/v1/users/{id}", { id: ref });
}

/** A user (and its counts) by email or id. @param {ApiClient} client @param {string} ref */
export function findUser(client, ref) {
  const trimmed = ref.trim();
  return trimmed.includes("@")
    ? client.get("/api/v1/emails/{email}/user", { params: { email: trimmed } })
    : client.get("/api/v1/users/{id}", { params: { id: trimmed } });
}
