// Answers to a practice question sent to a phone (which never carries its key): the right one
// or a wrong one, built from the key the admin reads from the bank, once per question.
import type { AnswerResponse, PracticeQuestionDto, QuestionDto } from '@dangshi/protocol';
import type { HttpSession } from './test-app';

export class BankAnswers {
  private readonly keys = new Map<string, QuestionDto>();

  constructor(private readonly admin: HttpSession) {}

  async responseTo(q: PracticeQuestionDto, right: boolean): Promise<AnswerResponse> {
    if (!this.keys.has(q.questionId)) this.keys.set(q.questionId, (await this.admin.get(`/api/bank/questions/${q.questionId}`)).body as QuestionDto);
    const key = this.keys.get(q.questionId)!;
    const letter = (l: string) => 'ABCDEF'.indexOf(l);
    switch (key.type) {
      case 'single':
        return { kind: 'choice', options: [right ? letter(key.answer) : (letter(key.answer) + 1) % key.options.length] };
      case 'multiple':
        return { kind: 'choice', options: right ? key.answer.map(letter) : [letter(key.answer[0]!)] };
      case 'truefalse':
        return { kind: 'truefalse', value: right ? key.answer : !key.answer };
      case 'fill':
        return { kind: 'fill', text: right ? key.answer[0]! : '不是这个答案' };
    }
  }
}
