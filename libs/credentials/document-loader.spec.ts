import { createDocumentLoader, DocumentLoaderError, EUROPASS_EDC_CONTEXT_URL, SHIPPED_CONTEXTS, VNFIL_MICRO_CREDENTIAL_CONTEXT_URL } from './document-loader';
import type { DidDocument } from './document-loader';
import { generateAwardingBodyKey } from './keys';

describe('the local document loader', () => {
  const realFetch = globalThis.fetch;
  let fetchCalls: jest.Mock;

  beforeEach(() => {
    fetchCalls = jest.fn(() => {
      throw new Error('the document loader must not use the network');
    });
    globalThis.fetch = fetchCalls as unknown as typeof fetch;
  });

  afterEach(() => {
    globalThis.fetch = realFetch;
    expect(fetchCalls).not.toHaveBeenCalled();
  });

  it.each([
    'https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    'https://w3id.org/security/data-integrity/v2',
    'https://w3id.org/security/multikey/v1',
    'https://www.w3.org/ns/credentials/status/v1',
    VNFIL_MICRO_CREDENTIAL_CONTEXT_URL,
    EUROPASS_EDC_CONTEXT_URL,
  ])('serves the shipped context %s', async (url) => {
    const { documentUrl, document } = await createDocumentLoader()(url);
    expect(documentUrl).toBe(url);
    expect(document['@context']).toBeDefined();
  });

  it('ships no pre-release Open Badges context', () => {
    // the EU publishes the ELM context under http://data.europa.eu: that URL is its identifier
    expect([...SHIPPED_CONTEXTS.keys()].filter((url) => !url.startsWith('https://'))).toEqual([EUROPASS_EDC_CONTEXT_URL]);
    expect(SHIPPED_CONTEXTS.has('https://imsglobal.github.io/openbadges-specification/ob_v3p0.html')).toBe(false);
  });

  it('refuses an unknown URL with an error naming it, without fetching', async () => {
    await expect(createDocumentLoader()('https://example.org/contexts/unknown.jsonld')).rejects.toThrow(
      new DocumentLoaderError(
        'the document loader does not serve https://example.org/contexts/unknown.jsonld: it is neither a shipped JSON-LD context nor a did:key or did:web URL',
      ),
    );
  });

  it('hands out copies, so a caller cannot change a shipped context', async () => {
    const loader = createDocumentLoader();
    const first = await loader('https://www.w3.org/ns/credentials/v2');
    first.document['@context'] = 'changed';
    expect((await loader('https://www.w3.org/ns/credentials/v2')).document['@context']).not.toBe('changed');
  });

  it('derives a did:key document and its verification method from the key', async () => {
    const key = await generateAwardingBodyKey();
    const loader = createDocumentLoader();
    const did = (await loader(key.controller)).document;
    expect(did).toMatchObject({ id: key.controller, assertionMethod: [key.id] });
    expect((await loader(key.id)).document).toMatchObject({
      id: key.id,
      type: 'Multikey',
      controller: key.controller,
      publicKeyMultibase: key.publicKeyMultibase,
    });
    await expect(loader(`${key.controller}#other`)).rejects.toThrow(DocumentLoaderError);
    await expect(loader('did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme')).rejects.toThrow('is not an Ed25519 did:key');
  });

  it('reads did:web documents only from the resolver it was given', async () => {
    const key = await generateAwardingBodyKey({ controller: 'did:web:awards.example' });
    const document: DidDocument = {
      id: key.controller,
      verificationMethod: [{ id: key.id, type: 'Multikey', controller: key.controller, publicKeyMultibase: key.publicKeyMultibase }],
      assertionMethod: [key.id],
    };
    const resolve = jest.fn(async (did: string) => (did === key.controller ? document : undefined));
    const loader = createDocumentLoader({ resolveDidWeb: resolve });
    expect((await loader(key.id)).document).toMatchObject({ id: key.id, publicKeyMultibase: key.publicKeyMultibase });
    await expect(loader('did:web:elsewhere.example#key-1')).rejects.toThrow('knows no such DID');
    await expect(loader(`${key.controller}#missing`)).rejects.toThrow('no such verification method');
    await expect(createDocumentLoader()(key.id)).rejects.toThrow('no did:web resolver');
  });
});
