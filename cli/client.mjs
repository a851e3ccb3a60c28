import { ApiProblem, UsageError } from "./errors.mjs";

/**
 * @typedef {{ url?: string, key?: string }} ConnectionOptions
 * @typedef {{ GATEHOUSE_URL?: string, GATEHOUSE_API_KEY?: string, [name: string]: string | undefined }} Env
 */

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
  }

  /** @param {string} path @param {Record<string, string | number | undefined>} [query] */
  get(path, query = {}) {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== "") search.set(name, String(value));
    const qs = search.toString();
    return this.request("GET", qs ? `${path}?${qs}` : path);
  }

  /** @param {string} path @param {unknown} body */
  post(path, body) {
    return this.request("POST", path, body);
  }

  /** @param {string} path @param {unknown} body */
  delete(path, body) {
    return this.request("DELETE", path, body);
  }

  /** A GET whose body is not parsed: the Response, to stream (problems still throw). @param {string} path */
  async stream(path) {
    const response = await this.send("GET", path);
    if (response.ok && response.body) return response;
    await this.answer(response, "GET", path);
    throw new ApiProblem({ status: response.status, title: "Unexpected answer", detail: `GET ${path} answered with no body.` });
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
      response = await this.fetch(`${this.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
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

/** The path segment of a user: by-email when it has an @, else by id. @param {string} ref */
export function userPath(ref) {
  return ref.includes("@") ? `/api/v1/users/by-email/${encodeURIComponent(ref)}` : `/api/v1/users/${encodeURIComponent(ref)}`;
}

/** A user (and its counts) by email or id. @param {ApiClient} client @param {string} ref */
export function findUser(client, ref) {
  return client.get(userPath(ref.trim()));
}
