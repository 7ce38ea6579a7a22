/** Labels of the what-if card on /score (and the wall's score panel); merged into `score.whatIf`. */
export const whatIfZhCN = {
  title: '下一次失误的代价（本月）',
  kind: {
    lateArrival: '应急到场超时 1 起',
    wrongDispatch: '派错 1 单',
    missedCallback: '漏回访 1 单',
    failedQualityCheck: '质检不合格 1 单',
    shortPostDay: '1 个岗位缺编或空岗 1 天',
  },
  cost: '−{points} 分 · −{yuan} 元',
  free: '不扣分',
  range: '月末预计 {low} – {high} 分（中值 {mid}）',
  headroomTitle: '还能承受',
  headroom: {
    failedQualityCheck: '质检不合格',
    wrongDispatch: '派错',
    missedCallback: '漏回访',
  },
  beforeStep: '还可再有 {n} 单不扣分',
  stepNow: '下一单即扣分',
  beforeThreshold: '第 {n} 单起本月跌至 {threshold} 分',
  never: '本项已扣完或不足以跌至 {threshold} 分',
  closed: '本月已结束，不再有新的扣分',
};

export const whatIfEn: typeof whatIfZhCN = {
  title: 'What the next mistake costs (this month)',
  kind: {
    lateArrival: '1 late arrival',
    wrongDispatch: '1 wrong dispatch',
    missedCallback: '1 missed callback',
    failedQualityCheck: '1 failed quality check',
    shortPostDay: '1 post short for 1 day',
  },
  cost: '−{points} pts · −{yuan} CNY',
  free: 'costs nothing',
  range: 'Month end {low} – {high} (mid {mid})',
  headroomTitle: 'Headroom',
  headroom: {
    failedQualityCheck: 'Failed checks',
    wrongDispatch: 'Wrong dispatches',
    missedCallback: 'Missed callbacks',
  },
  beforeStep: '{n} more cost nothing',
  stepNow: 'the next one already costs',
  beforeThreshold: 'more than {n} take the month to {threshold}',
  never: 'block spent, or cannot bring the month to {threshold}',
  closed: 'The month is over: nothing more costs anything',
};
