/** A card's frame, for client code that should not carry card.tsx's header markup on first load. */
export const cardClasses = "rounded-lg border border-border bg-surface shadow-sm";
