/** An exception report's progress: a draft the owner is writing, or submitted for the committee report. */
export const EXCEPTION_STATES = ['draft', 'submitted'] as const
export type ExceptionState = (typeof EXCEPTION_STATES)[number]

/**
 * The exception report an owner writes for a Red or Amber indicator, in the fixed form the seed reports use:
 * baseline, then three questions.
 */
export interface ExceptionReport {
  readonly state: ExceptionState
  readonly baseline: string | null
  /** Why is performance at the current level? */
  readonly why: string | null
  /** What difference does this make – the implications of not meeting target? */
  readonly implications: string | null
  /** How can we make sure things get better? */
  readonly improvement: string | null
  readonly updatedAt: string
  readonly updatedBy: string
}

/** The three questions with their prompts, as the form and the committee report print them. */
export const EXCEPTION_QUESTIONS = [
  {
    field: 'why',
    question: 'Why is performance at the current level?',
    prompts: [
      'Is any variance within expected limits?',
      'Why has the variance occurred?',
      'Is further information available to give a more complete picture of performance?',
      'What performance is predicted for future periods?',
    ],
  },
  {
    field: 'implications',
    question: 'What difference does this make – the implications of not meeting target?',
    prompts: [
      'Impact on service users/public.',
      'Impact on corporate priorities and plans.',
      'Impact on service/partner priorities.',
      'Impact on equalities, sustainability or efficiency.',
      'Can we move resources to support this or other priorities?',
    ],
  },
  {
    field: 'improvement',
    question: 'How can we make sure things get better?',
    prompts: [
      'What activities have been or will be put in place to address underperformance? Make specific reference to action plans.',
      'When will performance be brought back on track?',
      'Assess the need for additional resources/funding/training/investment.',
      'Identify the source of additional resources/funding/training/investment.',
      'Consult with other services, staff, managers, relevant Members and partners.',
    ],
  },
] as const

export type ExceptionAnswerField = (typeof EXCEPTION_QUESTIONS)[number]['field']
