/** The DAL tests' operators: the bench builds its operator the same way, so the helper lives in scripts/lib. */
export { signedInOperator as testOperator } from "@/scripts/lib/operators";
