/** Sets the theme class before first paint, so dark mode never flashes light. */
const script = `(function(){try{var t=localStorage.getItem("gatehouse-theme");var d=t==="dark"||(t!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d)}catch(e){}})()`;

/** `nonce`: the request's CSP nonce (an inline script runs only with it). */
export function ThemeScript({ nonce }: { nonce: string | undefined }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script of ours (no input reaches it), run before first paint under the CSP nonce
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: script }} />;
}
