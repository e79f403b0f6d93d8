/**
 * Lead qualification and duplicate matching: pure rules, no storage.
 *
 * THE SCORECARD (BANT). A rep answers four questions about a lead, each "yes", "partly" or "no":
 *   budget    — is money set aside for this?
 *   authority — are we talking to (or do we know) the person who decides?
 *   need      — does the customer have a problem we solve?
 *   timeline  — will they buy within the next two quarters?
 * yes = 2 points, partly = 1, no = 0, so a lead scores 0–8.
 *   hot  (热): 6–8 — at most one answer short of a full yes: qualify and hand to sales now;
 *   warm (温): 3–5 — real interest, something important missing: keep working it;
 *   cold (冷): 0–2 — or any score when need is "no": without a need there is no deal, however
 *               rich and ready the customer is.
 */
export const SCORE_ANSWERS = ['yes', 'partly', 'no'] as const;
export type ScoreAnswer = (typeof SCORE_ANSWERS)[number];

export const SCORECARD_CRITERIA = ['budget', 'authority', 'need', 'timeline'] as const;
export type ScorecardCriterion = (typeof SCORECARD_CRITERIA)[number];

export type LeadScorecard = Record<ScorecardCriterion, ScoreAnswer>;

export const LEAD_GRADES = ['hot', 'warm', 'cold'] as const;
export type LeadGrade = (typeof LEAD_GRADES)[number];

export const ANSWER_POINTS: Record<ScoreAnswer, number> = { yes: 2, partly: 1, no: 0 };
export const MAX_LEAD_SCORE = SCORECARD_CRITERIA.length * ANSWER_POINTS.yes;
export const HOT_MIN_SCORE = 6;
export const WARM_MIN_SCORE = 3;

export function leadScore(card: LeadScorecard): number {
  return SCORECARD_CRITERIA.reduce((sum, criterion) => sum + ANSWER_POINTS[card[criterion]], 0);
}

export function leadGrade(card: LeadScorecard): LeadGrade {
  if (card.need === 'no') return 'cold';
  const score = leadScore(card);
  if (score >= HOT_MIN_SCORE) return 'hot';
  if (score >= WARM_MIN_SCORE) return 'warm';
  return 'cold';
}

/*
 * DUPLICATES. Two records look like the same customer when their company names are equal after
 * normalisation, or their phone numbers have the same digits, or their emails are equal ignoring
 * case. Normalisation removes what people type differently for the same firm: case, full-width
 * characters, spaces and punctuation, and the legal-form suffix (有限公司, Co., Ltd., Inc. …).
 */

/** Chinese legal forms, longest first so "股份有限公司" is removed whole rather than leaving "股份". */
const CHINESE_SUFFIXES = [
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '有限公司',
  '集团公司',
  '公司',
];

/**
 * Latin legal forms at the end of the name, after a space or punctuation (so "Tesco" keeps its
 * "co"): "Co., Ltd.", "Co. Ltd", "Ltd", "Limited", "Inc.", "Corp", "LLC", "GmbH", "Company".
 */
const LATIN_SUFFIX =
  /[\s,.]+(co[\s.,]*ltd|co|ltd|limited|inc|incorporated|corp|corporation|company|llc|gmbh)\.?$/u;

/** "华为技术有限公司", " 华为技术 " and "ＨＵＡＷＥＩ Co., Ltd." → "华为技术", "华为技术", "huawei". */
export function normalizeCompany(name: string): string {
  // NFKC folds full-width letters, digits and brackets into their ASCII forms.
  let text = name.normalize('NFKC').toLowerCase().trim();
  for (;;) {
    const before = text;
    // A bracketed region or branch before or after the legal form ("华为技术（中国）有限公司",
    // "华为技术(上海)") does not make a different firm.
    text = text.replace(/\s*\([^()]*\)$/u, '');
    const latin = LATIN_SUFFIX.exec(text);
    const chinese = CHINESE_SUFFIXES.find((s) => text.length > s.length && text.endsWith(s));
    if (latin && latin.index > 0) text = text.slice(0, latin.index);
    else if (chinese) text = text.slice(0, -chinese.length).trimEnd();
    if (text === before) break;
  }
  return text.replace(/[\s\p{P}\p{S}]/gu, '');
}

/** Digits only, without China's country code, so "+86 138-0013-8000" equals "13800138000". */
export function normalizePhone(phone: string): string {
  const digits = phone.normalize('NFKC').replace(/\D/g, '');
  const national = digits.replace(/^(0086|86)(?=1\d{10}$)/, '');
  // Fewer than 7 digits is an extension or a typo, not a number two records could share.
  return national.length >= 7 ? national : '';
}

export function normalizeEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

export type DuplicateField = 'company' | 'phone' | 'email';

/** What identifies a customer record for duplicate matching; any field may be missing. */
export interface DuplicateProbe {
  company?: string;
  phone?: string;
  email?: string;
}

/** The fields on which `candidate` looks like `probe`; empty when it does not. */
export function duplicateMatch(probe: DuplicateProbe, candidate: DuplicateProbe): DuplicateField[] {
  const matched: DuplicateField[] = [];
  const same = (a: string | undefined, b: string | undefined, normalize: (s: string) => string) => {
    const x = a ? normalize(a) : '';
    return x !== '' && x === (b ? normalize(b) : '');
  };
  if (same(probe.company, candidate.company, normalizeCompany)) matched.push('company');
  if (same(probe.phone, candidate.phone, normalizePhone)) matched.push('phone');
  if (same(probe.email, candidate.email, normalizeEmail)) matched.push('email');
  return matched;
}

/** Why a lead may not be converted: the error the core throws and the board shows on the card. */
export interface ConversionRefusal {
  type: 'TransitionNotAllowed';
  message: string;
  phase: 'lead';
  from: string;
  to: 'converted';
  reason: 'fromTerminal' | 'notAdjacentTerminal';
}

/**
 * Conversion leaves Qualified only: the stage rules' "last open stage before a terminal one".
 * Written once here; the core refuses with it (shared/core/lead-convert.ts) and the leads board
 * says it before opening a dialog the core would refuse, and dims Converted for other cards.
 */
export function conversionRefusal(lead: {
  id: string;
  stage: string;
}): ConversionRefusal | undefined {
  if (lead.stage === 'qualified') return undefined;
  return {
    type: 'TransitionNotAllowed',
    message: `lead ${lead.id} cannot be converted from ${lead.stage}`,
    phase: 'lead',
    from: lead.stage,
    to: 'converted',
    reason:
      lead.stage === 'converted' || lead.stage === 'disqualified'
        ? 'fromTerminal'
        : 'notAdjacentTerminal',
  };
}
