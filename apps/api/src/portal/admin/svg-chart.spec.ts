import { barChart } from './svg-chart';

describe('bar chart geometry', () => {
  it('scales bars to the largest value and places each value after its bar', () => {
    const chart = barChart([
      { label: 'a', value: 4, shown: '4' },
      { label: 'b', value: 1, shown: '1' },
      { label: 'c', value: 0, shown: '0' },
    ]);
    expect(chart.bars.map((b) => b.width)).toEqual([300, 75, 0]);
    expect(chart.bars[1]!.valueX).toBe(220 + 75 + 8);
    expect(chart.height).toBe(96);
  });

  it('draws no bar when every value is zero or there is none', () => {
    expect(barChart([{ label: 'a', value: 0, shown: '0' }]).bars[0]!.width).toBe(0);
    expect(barChart([]).bars).toEqual([]);
  });
});
