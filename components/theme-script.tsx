/** Sets the theme class before first paint, so dark mode never flashes light. */
const script = `(function(){try{var t=localStorage.getItem("gatehouse-theme");var d=t==="dark"||(t!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d)}catch(e){}})()`;

export function ThemeScript() {
  return <script dangerouslySetInnerHTML={{ __html: script }} />;
}
