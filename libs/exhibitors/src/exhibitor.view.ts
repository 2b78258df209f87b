import type { BoothKind } from '@fair/fairs';
import type { ExhibitorEntity } from './exhibitor.entity';

/** An application as organisers and its own exhibitor see it (never the password hash). */
export function exhibitorView(e: ExhibitorEntity, boothCodes: string[] = []) {
  return {
    id: e.id,
    fairId: e.fairId,
    status: e.status,
    legalName: e.legalName,
    nameVi: e.nameVi,
    nameEn: e.nameEn,
    country: e.country,
    origin: e.origin,
    originOverridden: e.originOverridden,
    taxId: e.taxId,
    address: e.address,
    website: e.website,
    sectors: e.sectors,
    products: e.products,
    description: e.description,
    logoUrl: e.logoUrl,
    contactName: e.contactName,
    email: e.email,
    phone: e.phone,
    lang: e.lang,
    boothRequests: e.boothRequests as Partial<Record<BoothKind, number>>,
    placement: e.placement,
    reviewNote: e.reviewNote,
    source: e.source,
    hasAccount: e.userId !== null,
    assignedBooths: boothCodes,
    submittedAt: e.submittedAt,
    emailConfirmedAt: e.emailConfirmedAt,
    decidedAt: e.decidedAt,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}
export type ExhibitorView = ReturnType<typeof exhibitorView>;
