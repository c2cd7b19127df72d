// The dispute page's address: hand-over ids hold "|" and ":" (domain/handover.ts HO-1).
export const disputeLink = (handoverId: string) => `/dispute?id=${encodeURIComponent(handoverId)}`;
