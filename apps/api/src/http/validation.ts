import { ValidationPipe, type ArgumentMetadata, type Type, type ValidationError, type ValidationPipeOptions } from '@nestjs/common';
import { CommonErrors, fastCheckOf } from '@fair/core';

export interface FieldError {
  field: string;
  constraint: string;
  en: string;
  vi: string;
}

const num = (msg: string) => msg.match(/-?\d+(\.\d+)?/)?.[0] ?? '';

/** Vietnamese for class-validator's constraints; English comes from class-validator itself. */
const VI: Record<string, (field: string, en: string) => string> = {
  whitelistValidation: (f) => `Trường "${f}" không được phép`,
  isDefined: (f) => `${f} là bắt buộc`,
  isNotEmpty: (f) => `${f} không được để trống`,
  isString: (f) => `${f} phải là chuỗi ký tự`,
  isEmail: (f) => `${f} không phải là địa chỉ email hợp lệ`,
  maxLength: (f, en) => `${f} không được dài quá ${num(en)} ký tự`,
  minLength: (f, en) => `${f} phải có ít nhất ${num(en)} ký tự`,
  matches: (f) => `${f} sai định dạng`,
  isIn: (f, en) => `${f} phải là một trong các giá trị: ${en.split(':').pop()?.trim() ?? ''}`,
  isEnum: (f, en) => `${f} phải là một trong các giá trị: ${en.split(':').pop()?.trim() ?? ''}`,
  isInt: (f) => `${f} phải là số nguyên`,
  isNumber: (f) => `${f} phải là số`,
  min: (f, en) => `${f} không được nhỏ hơn ${num(en)}`,
  max: (f, en) => `${f} không được lớn hơn ${num(en)}`,
  isBoolean: (f) => `${f} phải là đúng/sai`,
  isDateString: (f) => `${f} phải là ngày theo dạng YYYY-MM-DD`,
  isISO8601: (f) => `${f} phải là thời điểm theo chuẩn ISO 8601`,
  isUUID: (f) => `${f} phải là mã định danh UUID`,
  isArray: (f) => `${f} phải là danh sách`,
  arrayMaxSize: (f, en) => `${f} có tối đa ${num(en)} phần tử`,
  arrayMinSize: (f, en) => `${f} cần ít nhất ${num(en)} phần tử`,
  arrayUnique: (f) => `${f} có phần tử trùng lặp`,
  isUrl: (f) => `${f} phải là địa chỉ web hợp lệ (http/https)`,
  isObject: (f) => `${f} phải là một đối tượng`,
  nestedValidation: (f) => `${f} không hợp lệ`,
  isPhoneNumber: (f) => `${f} không phải là số điện thoại hợp lệ`,
  isISO31661Alpha2: (f) => `${f} phải là mã quốc gia 2 chữ cái (ISO 3166-1)`,
  equals: (f) => `${f} không đúng giá trị yêu cầu`,
};

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? (/^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
    for (const [constraint, en] of Object.entries(e.constraints ?? {})) {
      const vi = VI[constraint]?.(field, en) ?? `${field} không hợp lệ`;
      const english = constraint === 'whitelistValidation' ? `Field "${field}" is not allowed` : en.replace(e.property, field);
      out.push({ field, constraint, en: english, vi });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/** The options of the API's pipe; its spec builds a plain ValidationPipe from them to compare answers. */
export function validationPipeOptions(): ValidationPipeOptions {
  return {
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => CommonErrors.VALIDATION_FAILED({ fields: flattenValidationErrors(errors) }),
  };
}

/**
 * A body whose DTO has a `@FastCheck` that passes skips class-transformer and class-validator
 * (~30 µs of a gate scan's CPU); anything else, and every invalid body, takes the full pipe.
 */
class FastValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    if (metadata.type === 'body' && metatype && fastCheckOf(metatype)?.(value)) return toInstance(metatype, value as object);
    return super.transform(value, metadata);
  }
}

/**
 * Built as plainToInstance builds it (new, then the enumerable own keys), so the handler gets the
 * same object either way: with ES2022 class fields, `new` also gives the declared fields a body
 * left out as own undefined properties.
 */
function toInstance(metatype: Type, value: object): unknown {
  const dto = new metatype() as Record<string, unknown>;
  for (const key of Object.keys(value)) dto[key] = (value as Record<string, unknown>)[key];
  return dto;
}

/** Whitelists DTO fields, refuses unknown ones, and answers 422 with a per-field list. */
export function validationPipe(): ValidationPipe {
  return new FastValidationPipe(validationPipeOptions());
}
