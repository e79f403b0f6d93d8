/**
 * The "demo" section of the catalogs, kept in its own file so each area's strings sit together.
 * zh-CN is the reference; en must have the same keys (the type below checks it).
 */
export const demoZhCN = {
  offer: '新用户？加载一家示例公司一年的业务数据，马上看到看板和分析的样子。',
  offerFirm: '示例公司：一家工业自动化集成商，1 位经理和 4 位销售，中文客户名称。',
  load: '加载示例数据',
  dismiss: '不用了',
  loading: '正在模拟一家公司一年的业务…',
  storing: '正在载入示例数据 {{done}}/{{total}}',
  loaded: '示例数据已加载',
  notEmpty: '示例数据只能加载到空数据库：这里已经有您自己的记录。',
  present:
    '您正在查看示例数据：{{leads}} 条线索、{{opportunities}} 个商机、{{contracts}} 份合同、{{invoices}} 张发票。示例数据只保存在本机，不会同步。',
  remove: '移除示例数据',
  removeTitle: '移除全部示例数据？',
  removeBody:
    '将删除所有示例记录及其阶段历史、活动和变更记录。您自己创建的记录不受影响。此操作无法撤销。',
  removed: '示例数据已移除',
};

export const demoEn: typeof demoZhCN = {
  offer:
    'New here? Load a year of a sample firm’s business to see the boards and analytics at once.',
  offerFirm:
    'The sample firm: an industrial-automation integrator with a manager and four reps, English customer names.',
  load: 'Load sample data',
  dismiss: 'No thanks',
  loading: 'Simulating a year of a firm’s business…',
  storing: 'Loading sample data {{done}}/{{total}}',
  loaded: 'Sample data loaded',
  notEmpty:
    'Sample data loads only into an empty database: this one already holds your own records.',
  present:
    'You are looking at sample data: {{leads}} leads, {{opportunities}} opportunities, {{contracts}} contracts, {{invoices}} invoices. It stays on this device and is never synced.',
  remove: 'Remove sample data',
  removeTitle: 'Remove all sample data?',
  removeBody:
    'Every sample record goes, with its stage history, activities and change log. Records you made yourself stay. This cannot be undone.',
  removed: 'Sample data removed',
};
