// What each module offers is what some module, test or bench imports of it: an export nobody
// imports is a second way in that nobody keeps up.
describe('module surfaces', () => {
  it('src/cards/index.ts: what the local gateway and the cards tests import', async () => {
    expect(Object.keys(await import('../../../src/cards/index.js')).sort()).toEqual([
      'dateInFuture', 'deriveCardInfo', 'describeProblems', 'isJsonObject', 'validateCardOpen', 'validateTemplateCreate', 'validateTemplateQuery',
    ]);
  });

  it('card-open-defaults.ts: the defaults only (cardOpenFieldValue comes from card-open-shape.ts)', async () => {
    expect(Object.keys(await import('../../../src/cards/card-open-defaults.js'))).toEqual(['applyCardOpenDefaults']);
  });

  it("src/cli/commands/card-open.ts: the command, and the method names demo imports", async () => {
    expect(Object.keys(await import('../../../src/cli/commands/card-open.js')).sort()).toEqual(['CARD_OPEN_METHOD', 'TEMPLATE_QUERY_METHOD', 'runCardOpen']);
  });
});
