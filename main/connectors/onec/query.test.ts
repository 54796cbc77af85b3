import { describe, expect, it } from 'vitest';
import { buildQuery, castLiteral, entityPath, guidLiteral } from './query';

const decoded = (q: string) => new URLSearchParams(q.slice(1).replace(/\+/g, '%2B'));

describe('OData URL building (ref §1.5, §1.11)', () => {
  it('always sends $format=json and $select; percent-encodes Cyrillic, spaces as %20, never "+"', () => {
    const q = buildQuery({ select: ['Ref_Key', 'Описание'], filter: "Описание eq 'a+b c'", top: 5 });
    expect(q).not.toMatch(/[+ ]/);
    expect(q).toContain('%20');
    const p = decoded(q);
    expect(p.get('$format')).toBe('json');
    expect(p.get('$select')).toBe('Ref_Key,Описание');
    expect(p.get('$filter')).toBe("Описание eq 'a+b c'");
  });

  it('puts the navigation property of an $expand into $select (else 1С ignores the expand)', () => {
    const p = decoded(buildQuery({ select: ['Ref_Key'], expand: ['Контрагент/Валюта'], top: 1 }));
    expect(p.get('$select')).toBe('Ref_Key,Контрагент');
    const kept = decoded(buildQuery({ select: ['Ref_Key', 'Контрагент/Description'], expand: ['Контрагент'], top: 1 }));
    expect(kept.get('$select')).toBe('Ref_Key,Контрагент/Description');
  });

  it('builds guid keys and composite casts; the key path is UTF-8 encoded with quotes kept', () => {
    const id = 'A1B2C3D4-0000-4000-8000-000000000001';
    expect(entityPath('Catalog_ФизическиеЛица', id)).toBe(`${encodeURIComponent('Catalog_ФизическиеЛица')}(guid'${id.toLowerCase()}')`);
    expect(castLiteral(id, 'Catalog_ФизическиеЛица')).toBe(`cast(${guidLiteral(id)}, 'Catalog_ФизическиеЛица')`);
    expect(() => guidLiteral("x' or 1 eq 1")).toThrow();
  });
});
