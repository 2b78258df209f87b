/** what a participant tells about their business when opting in to matchmaking */
export interface ParticipantProfile {
  sectors: string[];
  offers: string[];
  seeks: string[];
  companySize: 'micro' | 'small' | 'medium' | 'large';
  countries: string[];
  languages: string[];
  /** windows in which they can meet (ISO date-times); empty = every session */
  availability: { start: string; end: string }[];
}

export const COMPANY_SIZES = ['micro', 'small', 'medium', 'large'] as const;

export interface ParticipantRow {
  id: string;
  fair_id: string;
  exhibitor_id: string | null;
  visitor_id: string | null;
  company_key: string;
  display_name: string;
  company: string;
  email: string;
  lang: 'vi' | 'en';
  country: string;
  sectors: string[];
  offers: string[];
  seeks: string[];
  company_size: string;
  countries: string[];
  languages: string[];
  availability: { start: string; end: string }[];
}
