/**
 * The request form's draft: kept on the phone until the request is stored, so a lost network loses nothing, and
 * carrying one client key so a retried submit never creates a second request.
 */
import Taro from '@tarojs/taro';
import { ACTION_INPUTS, MISSING_CONSENT, MISSING_PHONE, type SubmitRequestInput, type UploadedPhoto } from '@core/actions';
import { SENSITIVE_DATA_CONSENT } from '@core/consent';
import { DESCRIPTION_MAX, DESCRIPTION_MIN, type Category, type ContactMethod, type Urgency } from '@core/domain';
import { ActionError } from '@core/envelope';
import { textLength } from '@core/validate';
import { newClientKey } from '@/hooks/useDraftKey';

export interface Draft {
  clientKey: string;
  category?: Category;
  urgency?: Urgency;
  description: string;
  /** Only offered with `rights`: she is in danger now. */
  inDanger: boolean;
  photos: UploadedPhoto[];
  anonymous: boolean;
  phone: string;
  method: ContactMethod;
  safeTimes: string;
  /** The consent text version she agreed to; empty until she ticks it, and stale when the text changed since. */
  consentVersion: string;
}

export type DraftField = 'category' | 'urgency' | 'description' | 'photos' | 'phone' | 'safeTimes' | 'consentVersion';
export type DraftErrors = Partial<Record<DraftField, string>>;

const storageKey = (pointId: string) => `request-draft:${pointId}`;

export const emptyDraft = (): Draft => ({
  clientKey: newClientKey(),
  description: '',
  inDanger: false,
  photos: [],
  anonymous: false,
  phone: '',
  method: 'call',
  safeTimes: '',
  consentVersion: '',
});

export function loadDraft(pointId: string): Draft {
  try {
    const saved = Taro.getStorageSync(storageKey(pointId)) as Draft | '';
    if (!saved || typeof saved !== 'object' || !saved.clientKey) return emptyDraft();
    const draft = { ...emptyDraft(), ...saved };
    // Agreement to an older consent text does not carry over: she reads the new one.
    return draft.consentVersion === SENSITIVE_DATA_CONSENT.version ? draft : { ...draft, consentVersion: '' };
  } catch {
    return emptyDraft();
  }
}

export function saveDraft(pointId: string, draft: Draft): void {
  try {
    Taro.setStorageSync(storageKey(pointId), draft);
  } catch {
    // Storage full or unavailable: the form still works, only without a saved draft.
  }
}

export const clearDraft = (pointId: string) => {
  try {
    Taro.removeStorageSync(storageKey(pointId));
  } catch {
    // Nothing to clear.
  }
};

export const descriptionCounter = (description: string) => `${textLength(description.trim())}/${DESCRIPTION_MAX}`;

export function toSubmitInput(pointId: string, draft: Draft): SubmitRequestInput {
  return {
    pointId,
    category: draft.category as Category,
    urgency: draft.urgency as Urgency,
    description: draft.description,
    contact: draft.anonymous
      ? { anonymous: true }
      : { anonymous: false, phone: draft.phone.trim(), method: draft.method, ...(draft.safeTimes.trim() ? { safeTimes: draft.safeTimes } : {}) },
    inDanger: draft.category === 'rights' && draft.inDanger,
    ...(draft.photos.length ? { photos: draft.photos.map((p) => p.fileID) } : {}),
    consentVersion: draft.consentVersion,
    clientKey: draft.clientKey,
  };
}

/**
 * Every missing field at once, in plain words, then the function's own check (core/actions.ts) for the rest, so she
 * sees each problem next to its field before anything is sent.
 */
export function validateDraft(draft: Draft): DraftErrors {
  const errors: DraftErrors = {};
  if (!draft.category) errors.category = '请选择诉求类别';
  if (!draft.urgency) errors.urgency = '请选择事情的轻重缓急';
  const length = textLength(draft.description.trim());
  if (length < DESCRIPTION_MIN) errors.description = `请至少写 ${DESCRIPTION_MIN} 个字，说说发生了什么`;
  else if (length > DESCRIPTION_MAX) errors.description = `最多 ${DESCRIPTION_MAX} 个字，现在 ${length} 个字`;
  if (!draft.anonymous && !draft.phone.trim()) errors.phone = MISSING_PHONE;
  if (!draft.consentVersion) errors.consentVersion = MISSING_CONSENT;
  if (Object.keys(errors).length > 0) return errors;
  try {
    ACTION_INPUTS.resident.submitRequest(toSubmitInput('placeholder', draft), 'input');
  } catch (error) {
    if (error instanceof ActionError) {
      const field = /input\.(?:contact\.)?(\w+)/.exec(error.message)?.[1] as DraftField | undefined;
      const message = error.message.replace(/^[^：]*：/, '');
      errors[field && field in DRAFT_FIELDS ? field : 'description'] = message;
    }
  }
  return errors;
}

/** The form's fields, to place an error the function's check names. */
const DRAFT_FIELDS: Record<DraftField, true> = {
  category: true,
  urgency: true,
  description: true,
  photos: true,
  phone: true,
  safeTimes: true,
  consentVersion: true,
};
