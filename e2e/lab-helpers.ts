/**
 * Helpers for the lab specs. Expected answers are computed here, in Node, by the same src/lab
 * generators the page runs in the browser: if the two engines drew different numbers, the
 * "correct" answers below would be judged wrong.
 */
import type { Locator, Page } from '@playwright/test';
import { type LabSession, LAB_EXERCISES, type NumericInstance, type PuzzleInstance } from '../src/lab/index';
import { expect } from './fixtures';

export const SEED = 'e2e-class';

export function numeric(id: string, session: LabSession): NumericInstance {
  const exercise = LAB_EXERCISES.find((e) => e.id === id);
  if (exercise?.kind !== 'numeric') throw new Error(`${id} is not a numeric exercise`);
  return exercise.generate(session);
}

export function puzzle(id: string, session: LabSession): PuzzleInstance {
  const exercise = LAB_EXERCISES.find((e) => e.id === id);
  if (exercise?.kind !== 'kernel-puzzle') throw new Error(`${id} is not a kernel puzzle`);
  return exercise.generate(session);
}

/** Opens the Lab page for the seed and, if given, enters the identifier. */
export async function openLab(page: Page, student?: string, seed = SEED): Promise<Locator> {
  await page.goto(`/lab/?lab=${seed}`);
  const panel = page.locator('lab-session');
  await panel.scrollIntoViewIfNeeded();
  await expect(panel).toHaveAttribute('data-state', 'live');
  if (student !== undefined) {
    await panel.getByLabel('Your identifier').fill(student);
    await panel.getByRole('button', { name: 'Use this identifier' }).click();
    await expect(panel.locator('.lab-session-line')).toContainText(`student “${student.toLowerCase()}”`);
  }
  return panel;
}

/** One exercise, its widget brought into view so that it starts. */
export async function exercise(page: Page, id: string): Promise<Locator> {
  await page.locator(`lab-exercises[data-exercises*="${id}"]`).first().scrollIntoViewIfNeeded();
  const section = page.locator(`[data-exercise="${id}"]`).first();
  await expect(section).toBeVisible();
  return section;
}

export async function answer(section: Locator, text: string): Promise<void> {
  await section.locator('input.lab-input').fill(text);
  await section.locator('input.lab-input').press('Enter');
}

export const codeOf = (panel: Locator) => panel.locator('.lab-code-output').innerText();
