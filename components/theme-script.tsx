/**
 * Sets the theme class before first paint, so dark mode never flashes light, and sets it again
 * whenever the class is taken away: when React renders <html> on the client (as after a
 * notFound() in a console page) it drops the attributes it did not render, "dark" included.
 */
const script = `(function(){try{var h=document.documentElement;var a=function(){var t=localStorage.getItem("gatehouse-theme");var d=t==="dark"||(t!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);if(h.classList.contains("dark")!==d)h.classList.toggle("dark",d)};a();new MutationObserver(a).observe(h,{attributes:true,attributeFilter:["class"]})}catch(e){}})()`;

/** `nonce`: the request's CSP nonce (an inline script runs only with it). */
export function ThemeScript({ nonce }: { nonce: string | undefined }) {
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: script }} />;
}
