import type { IDataObject } from 'n8n-workflow';

/**
 * sendList: the node's rows (each naming its section's title) as the list's sections, one per title in the order the
 * titles first appear; a blank title, a blank description are left out.
 */
export function listSections(rows: IDataObject[]): IDataObject[] {
	const bySection = new Map<string, IDataObject[]>();
	for (const entry of rows) {
		const title = String(entry.section ?? '').trim();
		const row: IDataObject = { id: entry.id, title: entry.title };
		if (entry.description) {
			row.description = entry.description;
		}
		bySection.set(title, [...(bySection.get(title) ?? []), row]);
	}
	return [...bySection].map(([title, sectionRows]) => (title ? { title, rows: sectionRows } : { rows: sectionRows }));
}
