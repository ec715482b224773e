// Exports the bank (retired questions left out) in any format question-bank can write, and the
// empty Excel 题库 template organisations fill in for their first import.
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Not, type Repository } from 'typeorm';
import { TEMPLATE_CATEGORY, type ExportFormatName } from '@dangshi/protocol';
import { FORMATS, type Question } from '@dangshi/question-bank';
import { QuestionRecord } from './bank.entities';
import { importTemplate } from './import-template';

export interface ExportedFile {
  data: Uint8Array;
  fileName: string;
  contentType: string;
}

const CONTENT_TYPES: Record<ExportFormatName, string> = {
  excel: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  gift: 'text/plain; charset=utf-8',
  'moodle-xml': 'application/xml; charset=utf-8',
};
const EXTENSIONS: Record<ExportFormatName, string> = { excel: '.xlsx', csv: '.csv', gift: '.gift', 'moodle-xml': '.xml' };

@Injectable()
export class BankExportService {
  constructor(@InjectRepository(QuestionRecord) private readonly questions: Repository<QuestionRecord>) {}

  async export(format: ExportFormatName, category?: string): Promise<ExportedFile> {
    if (category === TEMPLATE_CATEGORY) {
      return { data: await importTemplate(await this.examples()), fileName: '题库导入模板.xlsx', contentType: CONTENT_TYPES.excel };
    }
    const rows = await this.questions.find({
      where: { status: Not('retired'), ...(category ? { category } : {}) },
      select: ['id', 'data'],
      order: { category: 'ASC', id: 'ASC' },
    });
    const data = await FORMATS[format].export!(rows.map((r) => r.data));
    const day = new Date().toISOString().slice(0, 10);
    return { data, fileName: `题库-${category ?? '全部'}-${day}${EXTENSIONS[format]}`, contentType: CONTENT_TYPES[format] };
  }

  /** One reviewed question of each type from the bank, so the template shows real, good rows. */
  private async examples(): Promise<Question[]> {
    const out: Question[] = [];
    for (const type of ['single', 'multiple', 'truefalse', 'fill'] as const) {
      const row = await this.questions.findOne({ where: { type, status: 'reviewed' }, select: ['id', 'data'], order: { id: 'ASC' } });
      if (row) out.push(row.data);
    }
    return out;
  }
}
