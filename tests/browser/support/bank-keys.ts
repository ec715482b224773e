// The shipped bank's answer keys, read once through the admin's bank API, so a test can answer
// a question shown on a phone right or wrong on purpose (the phone never has the key). Practice
// and matches ask questions in the bank's own option order, so an option's index is its letter.
import type { QuestionDto } from '@dangshi/protocol';
import type { Page } from 'playwright-core';
import { apiCall, apiLogin } from './members';

const LETTERS = 'ABCDEF';

export type BankKeys = Map<string, QuestionDto>;

export async function loadBankKeys(url: string, adminPassword: string): Promise<BankKeys> {
  const admin = await apiLogin(url, 'admin', adminPassword);
  const keys: BankKeys = new Map();
  for (let page = 1; page < 50; page++) {
    const batch = await apiCall<{ items: QuestionDto[]; total: number }>(url, admin, 'GET', `/api/bank/questions?pageSize=200&page=${page}`);
    for (const q of batch.items) keys.set(q.stem.trim(), q);
    if (batch.items.length < 200) break;
  }
  return keys;
}

/**
 * Answers the question on screen (its stem under `stemTestId`) right or wrong with the contest's
 * phone buttons: option-N, tf-true/tf-false, fill-input, answer-submit.
 */
export async function answerOnPage(page: Page, keys: BankKeys, right: boolean, stemTestId = 'question-stem'): Promise<QuestionDto> {
  const stem = (await page.getByTestId(stemTestId).innerText()).trim();
  const q = keys.get(stem);
  if (!q) throw new Error(`question not in the bank: ${stem}`);
  switch (q.type) {
    case 'single': {
      const key = LETTERS.indexOf(q.answer as string);
      const pick = right ? key : (key + 1) % q.options!.length;
      await page.getByTestId(`option-${pick}`).click();
      break;
    }
    case 'multiple': {
      const key = (q.answer as string[]).map((l) => LETTERS.indexOf(l));
      // Wrong: one option outside the key (or just part of the key if every option is in it).
      const wrong = q.options!.map((_, i) => i).filter((i) => !key.includes(i));
      const picks = right ? key : wrong.length ? [wrong[0]!] : key.slice(0, 1);
      for (const i of picks) await page.getByTestId(`option-${i}`).click();
      await page.getByTestId('answer-submit').click();
      break;
    }
    case 'truefalse': {
      const value = right ? (q.answer as boolean) : !(q.answer as boolean);
      await page.getByTestId(value ? 'tf-true' : 'tf-false').click();
      break;
    }
    case 'fill': {
      await page.getByTestId('fill-input').fill(right ? (q.answer as string[])[0]! : '答案不对');
      await page.getByTestId('answer-submit').click();
      break;
    }
  }
  return q;
}
