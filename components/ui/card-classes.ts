/** A card's frame (globals.css), for client code that should not carry card.tsx's header markup on first load. */
export const cardClasses = "card";
