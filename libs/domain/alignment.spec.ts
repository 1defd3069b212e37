import { alignmentUriProblem, AlignmentKind } from './alignment';

describe('alignmentUriProblem', () => {
  it('takes ESCO skills and occupations as ESCO writes them', () => {
    expect(alignmentUriProblem(AlignmentKind.EscoSkill, 'http://data.europa.eu/esco/skill/1b70a55d-4b12-4b9f-9ef7-2b3b2a2b1c1d')).toBeNull();
    expect(alignmentUriProblem(AlignmentKind.EscoOccupation, 'http://data.europa.eu/esco/isco/C2511')).toBeNull();
    expect(alignmentUriProblem(AlignmentKind.EscoSkill, 'https://data.europa.eu/esco/skill/1b70a55d-4b12-4b9f-9ef7-2b3b2a2b1c1d')).not.toBeNull();
  });

  it('takes a framework level only as a plain absolute http(s) URI: no credentials, quotes, braces or broken escapes', () => {
    for (const ok of ['https://nqf.example.org/levels/4', 'https://www.qqi.ie/what-we-do/the-qualifications-system/national-framework-of-qualifications#level-5', 'http://x.example/a%20b?x=1&y=(2)']) {
      expect({ ok, problem: alignmentUriProblem(AlignmentKind.NqfLevel, ok) }).toEqual({ ok, problem: null });
    }
    for (const bad of ['https://user:pw@x.example/', 'https://x.example/"}]', 'https://x.example/a b', 'https://x.example/%zz', 'ftp://x.example/', '/levels/4', 'https://', 'https://x.example/<script>']) {
      expect({ bad, problem: alignmentUriProblem(AlignmentKind.NqfLevel, bad) }).toEqual({ bad, problem: expect.stringContaining('absolute http(s) URI') });
    }
  });
});
