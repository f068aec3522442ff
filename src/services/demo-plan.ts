/**
 * The demo plan's name and period, on their own so the command line's help can name them without loading the
 * services: Trafford Council's Annual Delivery Plan 2013/14, as published at Quarter 2.
 */
export const DEMO_PLAN = 'Trafford ADP 2013/14'
export const DEMO_PERIOD = '2013/14 Q2'
