import { describe, it, expect } from '@jest/globals';
import { recommend } from './recommendations';
import type { ParticipantRow } from './participant-profile';

const p = (id: string, company: string, over: Partial<ParticipantRow> = {}): ParticipantRow => ({
  id,
  fair_id: 'f',
  exhibitor_id: null,
  visitor_id: id,
  company_key: company,
  display_name: id,
  company,
  email: `${id}@x.vn`,
  lang: 'vi',
  country: 'VN',
  sectors: [],
  offers: [],
  seeks: [],
  company_size: 'small',
  countries: [],
  languages: ['vi'],
  availability: [],
  ...over,
});

describe('recommend', () => {
  const me = p('me', 'c1', { seeks: ['CNC machining'], offers: ['moulds'], countries: ['JP'], languages: ['vi', 'ja'], sectors: ['mechanical'] });
  it('ranks by matching needs and says why in both languages, never oneself, own company or excluded', () => {
    const others = [
      me,
      p('colleague', 'c1', { offers: ['CNC machining'] }),
      p('jp', 'c2', { offers: ['cnc machining'], country: 'JP', languages: ['ja'] }),
      p('sector', 'c3', { sectors: ['mechanical'] }),
      p('declined', 'c4', { offers: ['CNC machining'] }),
      p('nothing', 'c5'),
    ];
    const r = recommend(me, others, new Set(['declined']));
    expect(r.map((x) => x.participantId)).toEqual(['jp', 'sector']);
    expect(r[0].reasons.map((x) => x.en)).toEqual([
      'you seek CNC machining; they offer CNC machining',
      'they are from JP, a country you are interested in',
      'both speak ja',
    ]);
    expect(r[0].reasons[2].vi).toBe('hai bên cùng nói ja');
  });
});
