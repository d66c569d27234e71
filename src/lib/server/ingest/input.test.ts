import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { scratchDir, writeFile } from '../../../../tests/helpers/files';
import { openInput } from './input';

async function decoded(bytes: Buffer) {
	const input = await openInput(writeFile(scratchDir(), 'file.csv', bytes));
	let text = '';
	for await (const chunk of input.text()) text += chunk;
	return { text, encoding: input.encoding };
}

describe('openInput', () => {
	// A file whose start was not UTF-8 as a whole was decoded all as Windows-1252, which
	// garbled its UTF-8 lines ("Ã©" for "é").
	it('keeps UTF-8 lines of a file that also has Windows-1252 lines', async () => {
		const bytes = Buffer.concat([
			iconv.encode('prix: 12,50 €, café\n', 'windows-1252'),
			Buffer.from('déjà “vu”\n', 'utf8')
		]);
		expect(await decoded(bytes)).toEqual({
			text: 'prix: 12,50 €, café\ndéjà “vu”\n',
			encoding: 'utf-8+windows-1252'
		});
	});

	it('reads a Windows-1252 file as such', async () => {
		expect(await decoded(iconv.encode('“smart” quotes, é, €\n', 'windows-1252'))).toEqual({
			text: '“smart” quotes, é, €\n',
			encoding: 'windows-1252'
		});
	});
});
