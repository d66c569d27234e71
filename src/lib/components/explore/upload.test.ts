import { describe, expect, it } from 'vitest';
import { readUploadAnswer, tabular, uploadQuery } from './upload';

describe('uploadQuery', () => {
	it('names the file, and the source and format only when given', () => {
		expect(uploadQuery({ fileName: 'export 1.csv', source: '', format: '' })).toBe(
			'filename=export+1.csv'
		);
		expect(
			uploadQuery({ fileName: 'a.json', source: 'zendesk-eu', format: 'zendesk' }, { wait: '0' })
		).toBe('filename=a.json&wait=0&source=zendesk-eu&format=zendesk');
	});
});

describe('tabular', () => {
	it('previews the files that may be CSV', () => {
		expect(['a.csv', 'b.TSV', 'c.txt'].map(tabular)).toEqual([true, true, true]);
		expect(['a.json', 'b.ndjson', 'c.csv.gz'].map(tabular)).toEqual([false, false, false]);
	});
});

describe('readUploadAnswer', () => {
	it('reads the job an accepted upload started', () => {
		expect(readUploadAnswer(202, 'Accepted', '{"job":"j-1"}')).toEqual({
			stage: 'started',
			job: 'j-1'
		});
	});

	it('reports the server’s errors, joined', () => {
		expect(
			readUploadAnswer(
				400,
				'Bad Request',
				'{"errors":{"format":"unknown format","file":"empty file"}}'
			)
		).toEqual({ stage: 'failed', error: 'unknown format empty file' });
	});

	it('reports the status when the answer says nothing usable', () => {
		expect(readUploadAnswer(502, 'Bad Gateway', '<html>')).toEqual({
			stage: 'failed',
			error: 'The server answered 502 Bad Gateway.'
		});
		expect(readUploadAnswer(200, 'OK', '{}')).toEqual({
			stage: 'failed',
			error: 'The server answered 200 OK.'
		});
	});
});
