/** Labels of the link bar on the non-wall screens; merged into each locale as `nav`. */
export const navZhCN = {
  label: '屏幕导航',
  home: '概览',
  wall: '大屏',
  dispatch: '调度台',
  score: '考核',
  roster: '排班',
  admin: '用户与密钥',
  field: '现场',
  logout: '退出登录',
  language: 'English',
};

export const navEn: typeof navZhCN = {
  label: 'Screens',
  home: 'Overview',
  wall: 'Wall',
  dispatch: 'Dispatch',
  score: 'Score',
  roster: 'Roster',
  admin: 'Users and keys',
  field: 'Field',
  logout: 'Log out',
  language: '中文',
};
