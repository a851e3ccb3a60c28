/** A form field's look without its size (globals.css): pair it with a height, width, padding and text size. */
export const fieldBaseClasses = "field";
